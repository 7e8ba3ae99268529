package io.backstory.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890". */
    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** The SHA-1 rows of RFC 6238 Appendix B (8 digits, 30-second steps). */
    @ParameterizedTest
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void shouldMatchTheRfc6238ReferenceValues(long unixSeconds, String expected) {
        assertThat(Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(unixSeconds)), 8)).isEqualTo(expected);
    }

    @Test
    void shouldAcceptOneStepEitherSideAndNothingFurther() {
        Instant now = Instant.ofEpochSecond(1_700_000_015);
        long step = Totp.step(now);
        for (long s = step - 1; s <= step + 1; s++) {
            assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, s, 6), now, 0)).hasValue(s);
        }
        assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 2, 6), now, 0)).isEmpty();
        assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step + 2, 6), now, 0)).isEmpty();
    }

    @Test
    void shouldRefuseACodeWhoseStepWasAlreadyUsed() {
        Instant now = Instant.ofEpochSecond(1_700_000_015);
        long step = Totp.step(now);
        String code = Totp.code(RFC_KEY, step, 6);
        assertThat(Totp.matchingStep(RFC_KEY, code, now, step)).isEmpty();
        assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 1, 6), now, step)).isEmpty();
        assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step + 1, 6), now, step)).hasValue(step + 1);
    }

    @Test
    void shouldRefuseCodesThatAreNotSixDigits() {
        Instant now = Instant.ofEpochSecond(1_700_000_015);
        assertThat(Totp.matchingStep(RFC_KEY, "12345", now, 0)).isEmpty();
        assertThat(Totp.matchingStep(RFC_KEY, "abcdef", now, 0)).isEmpty();
        assertThat(Totp.matchingStep(RFC_KEY, null, now, 0)).isEmpty();
    }

    /** RFC 4648 §10 test vectors, without padding. */
    @ParameterizedTest
    @CsvSource({"f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void shouldEncodeBase32AsRfc4648(String plain, String encoded) {
        assertThat(Base32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
        assertThat(new String(Base32.decode(encoded.toLowerCase()), StandardCharsets.US_ASCII)).isEqualTo(plain);
    }
}
