package io.backstory.base;

import io.backstory.base.UserFacingException.Problem;
import java.util.Locale;

/**
 * Someone else saved the same record after the user opened it (optimistic locking): the user's changes were not
 * saved, and the message says so in plain words so they can reload and re-apply them. The message is a translations
 * key, so the form shows it in the user's language; {@link #getMessage()} stays the English text for logs.
 */
public class ConcurrentEditException extends RuntimeException {

    private final Problem problem;

    /** @param key the translations key of the message, which names the record and what to do */
    public ConcurrentEditException(String key) {
        this(new Problem(key));
    }

    private ConcurrentEditException(Problem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    /** The message in the user's language. */
    public String localized(Locale locale) {
        return UserFacingException.render(problem, locale, true);
    }
}
