package io.backstory.security;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A client at 127.0.0.2, which the test profile does not trust as a proxy, speaking plain HTTP/1.1. */
final class UntrustedPeer {

    static final String ADDRESS = "127.0.0.2";

    private UntrustedPeer() {
    }

    /** An API request with (wrong) Basic credentials and a forged X-Forwarded-For; returns the status line. */
    static String apiWithForwardedFor(int port, String forwardedFor, String username, String password) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(ADDRESS), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5_000);
            socket.setSoTimeout(30_000);
            String basic = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/reports/recurrence HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Basic " + basic
                    + "\r\nX-Forwarded-For: " + forwardedFor + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
