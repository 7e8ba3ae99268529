package io.backstory.base;

/**
 * Someone else saved the same record after the user opened it (optimistic locking): the user's changes were not
 * saved, and the message says so in plain words so they can reload and re-apply them.
 */
public class ConcurrentEditException extends RuntimeException {

    public ConcurrentEditException(String message) {
        super(message);
    }
}
