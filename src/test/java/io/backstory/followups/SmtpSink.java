package io.backstory.followups;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal in-process SMTP server (RFC 5321 commands JavaMail uses without auth or TLS) that keeps every message it
 * accepts. {@link #failNext(int)} makes it refuse the next messages with a transient error, to test retries.
 */
public final class SmtpSink implements AutoCloseable {

    public record Message(List<String> recipients, String data) {
        /** The personal link of a check-in message (soft line breaks of quoted-printable removed). */
        public String link() {
            Matcher m = Pattern.compile("https?://\\S+/check-in/[A-Za-z0-9_-]{43}(?!/)").matcher(data.replace("=\r\n", ""));
            if (!m.find()) {
                throw new IllegalStateException("no check-in link in message: " + data);
            }
            return m.group();
        }

        /** The link's path, for requests to this test's own server. */
        public String linkPath() {
            return URI.create(link()).getPath();
        }
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "smtp-sink");
        t.setDaemon(true);
        return t;
    });
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final AtomicInteger toFail = new AtomicInteger();

    public SmtpSink(int port) {
        try {
            server = new ServerSocket(port, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.submit(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    public List<Message> to(String recipient) {
        return messages.stream().filter(m -> m.recipients().contains(recipient)).toList();
    }

    public void failNext(int count) {
        toFail.set(count);
    }

    public void clear() {
        messages.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                threads.submit(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 sink ESMTP");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 sink");
                    case "MAIL" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        recipients.add(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')));
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        StringBuilder data = new StringBuilder();
                        String l;
                        while ((l = in.readLine()) != null && !l.equals(".")) {
                            data.append(l.startsWith("..") ? l.substring(1) : l).append("\r\n");
                        }
                        if (toFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            reply(out, "451 4.3.0 Try again later");
                        } else {
                            messages.add(new Message(List.copyOf(recipients), data.toString()));
                            reply(out, "250 OK queued");
                        }
                    }
                    case "RSET", "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException e) {
            // client went away
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
