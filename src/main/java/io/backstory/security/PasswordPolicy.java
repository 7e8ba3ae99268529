package io.backstory.security;

import io.backstory.base.UserFacingException.Problem;
import io.backstory.base.UserFacingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The one password rule, applied on every path that sets a password (setup link, reset, own change,
 * the bootstrap admin, the demo seed). ASVS 5.0 V6.2: at least 12 characters, no composition rules
 * (they push people to "Password1!"), and not a password known from breaches. The list and its
 * licence: {@code common-passwords.NOTICE.md} next to the list.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    /** bcrypt reads at most 72 bytes; 64 characters is ASVS's "at least 64 allowed" for plain ASCII. */
    public static final int MAX_LENGTH = 64;
    static final int MAX_BYTES = 72;

    private static final String LIST = "common-passwords.txt";

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load();
    }

    /**
     * What is wrong with a proposed password, each message naming the field and the rule; empty
     * when it is acceptable. {@code field} is the label the person sees ("Password", "New password").
     */
    public List<Problem> problems(Problem field, String password, String username) {
        List<Problem> problems = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            problems.add(new Problem("error.required", field));
            return problems;
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            problems.add(new Problem("error.password.short", field, MIN_LENGTH, length));
        } else if (length > MAX_LENGTH || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            problems.add(new Problem("error.password.long", field, MAX_LENGTH));
        } else if (isCommon(password)) {
            problems.add(new Problem("error.password.common", field));
        } else if (username != null && username.length() >= 3
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            problems.add(new Problem("error.password.username", field));
        }
        return problems;
    }

    /** Throws with every problem joined by "; " (the form's error summary splits them again). */
    public void require(Problem field, String password, String username) {
        List<Problem> problems = problems(field, password, username);
        if (!problems.isEmpty()) {
            throw new UserFacingException(problems);
        }
    }

    /**
     * On the list, a listed password followed only by digits and symbols (how people stretch one to
     * the minimum length), or one short piece repeated.
     */
    boolean isCommon(String password) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return true;
        }
        String stem = lower.replaceFirst("[\\p{N}\\p{P}\\p{S}\\s]+$", "");
        if (!stem.isEmpty() && !stem.equals(lower) && common.contains(stem)) {
            return true;
        }
        return repeatsOnePiece(lower);
    }

    private static boolean repeatsOnePiece(String s) {
        for (int piece = 1; piece <= s.length() / 3; piece++) {
            if (s.length() % piece == 0 && s.substring(0, piece).repeat(s.length() / piece).equals(s)) {
                return true;
            }
        }
        return false;
    }

    int listSize() {
        return common.size();
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>(140_000);
        try (InputStream in = Objects.requireNonNull(PasswordPolicy.class.getResourceAsStream(LIST), LIST);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip().toLowerCase(Locale.ROOT);
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
