package io.backstory.base;

import java.util.List;
import io.backstory.base.UserFacingException.Problem;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The rule for names and other short text that people type and others read (patients, people,
 * clinics, locations): no control characters and no bidirectional-override or invisible
 * formatting characters. Those let a name look different from what it is ("Trojan Source",
 * CVE-2021-42574): a display name with U+202E shows its end reversed in lists, reports and the
 * audit trail. Ordinary letters of every script, accents and emoji are all fine.
 */
public final class PlainText {

    private PlainText() {
    }

    /** The problem with {@code value} for the field called {@code field}, naming both; empty when it is plain text. */
    public static Optional<Problem> problem(Problem field, @Nullable String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (isControl(c)) {
                return Optional.of(new Problem("error.plainText.control", field, codePoint(c), String.valueOf(value.codePointCount(0, i) + 1)));
            }
            if (isDirectionOrInvisibleFormat(c)) {
                return Optional.of(new Problem("error.plainText.format", field, codePoint(c), String.valueOf(value.codePointCount(0, i) + 1)));
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    /** Throws {@link IllegalArgumentException} with {@link #problem}'s message when there is one. */
    public static void require(Problem field, @Nullable String value) {
        problem(field, value).ifPresent(p -> {
            throw new UserFacingException(List.of(p));
        });
    }

    private static boolean isControl(int c) {
        return Character.getType(c) == Character.CONTROL;
    }

    /**
     * Unicode's bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the
     * left/right and Arabic marks, and the zero-width and other invisible format characters, except the
     * zero-width joiner U+200D that emoji sequences and some scripts need.
     */
    private static boolean isDirectionOrInvisibleFormat(int c) {
        return Character.getType(c) == Character.FORMAT && c != 0x200D;
    }

    private static String codePoint(int c) {
        return String.format("U+%04X", c);
    }
}
