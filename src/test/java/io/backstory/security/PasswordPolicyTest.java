package io.backstory.security;

import io.backstory.base.UserFacingException.Problem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private static final PasswordPolicy POLICY = new PasswordPolicy();

    @Test
    void shouldShipTheTopHundredThousandList() {
        // 100,002 lines, 96,520 once compared without regard to case
        assertThat(POLICY.listSize()).isEqualTo(96_520);
    }

    @Test
    void shouldAcceptALongUnlistedPassphrase() {
        assertThat(POLICY.problems(Problem.text("error.field.password"), "kettle orbit lantern mosaic", "theo.marsh")).isEmpty();
    }

    @Test
    void shouldRefuseElevenCharactersNamingTheFieldAndTheRule() {
        assertThat(POLICY.problems(Problem.text("error.field.newPassword"), "abcdefghijk", "someone"))
                .singleElement().asString().startsWith("New password: at least 12 characters (it has 11)");
    }

    @Test
    void shouldCountCharactersNotBytes() {
        // 12 characters, 24 bytes in UTF-8: long enough, and under bcrypt's 72 bytes
        assertThat(POLICY.problems(Problem.text("error.field.password"), "ñandú ñandú!", "x")).isEmpty();
    }

    @Test
    void shouldRefuseWhatBcryptWouldTruncate() {
        assertThat(POLICY.problems(Problem.text("error.field.password"), "ü".repeat(40), "x")).singleElement().asString().contains("at most 64 characters");
        assertThat(POLICY.problems(Problem.text("error.field.password"), "a long passphrase that keeps going and going until it is too long!!", "x"))
                .singleElement().asString().contains("at most 64 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "qwertyuiopasdfgh",      // on the list as it is
            "1qaz2wsx3edc",          // on the list as it is
            "QAZWSXEDCRFV",          // on the list, whatever the case
            "password1234",          // listed word stretched with digits
            "Dragon2024!!!",         // listed word stretched with digits and symbols
            "abcabcabcabc",          // one piece repeated
            "zzzzzzzzzzzzzz"})
    void shouldRefuseCommonAndStretchedPasswords(String password) {
        assertThat(POLICY.problems(Problem.text("error.field.password"), password, "someone")).singleElement().asString()
                .startsWith("Password: this password is on a list of common or leaked passwords");
    }

    @Test
    void shouldRefuseThePasswordContainingTheUsername() {
        assertThat(POLICY.problems(Problem.text("error.field.password"), "I am priya.shah at work", "priya.shah")).extracting(Object::toString)
                .containsExactly("Password: must not contain the username");
    }

    @Test
    void shouldRequireAPassword() {
        assertThat(POLICY.problems(Problem.text("error.field.password"), "", "x")).extracting(Object::toString).containsExactly("Password: required");
    }
}
