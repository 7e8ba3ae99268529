package io.backstory.journeys;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What an authenticator app does with the secret shown at enrolment, written independently of the
 * app's own code (RFC 4648 base32, RFC 6238 with HMAC-SHA1, 30-second steps, 6 digits), so the browser
 * journeys prove the codes interoperate rather than agree with themselves.
 */
final class AuthenticatorApp {

    private final byte[] key;

    AuthenticatorApp(String base32Secret) {
        this.key = base32(base32Secret);
    }

    /** The code for the current step plus {@code stepsAhead} (codes are single use: the next step gives a fresh one). */
    String code(int stepsAhead) throws Exception {
        long step = Instant.now().getEpochSecond() / 30 + stepsAhead;
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        int o = h[19] & 0xf;
        int v = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
        return String.format("%06d", v % 1_000_000);
    }

    private static byte[] base32(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : s.replace(" ", "").toUpperCase().toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
