package io.backstory.base;

/**
 * A record that does not exist, or that belongs to another clinic: the two are deliberately
 * indistinguishable to the caller, so ids of other clinics' patients cannot be probed.
 */
public class RecordNotFoundException extends RuntimeException {

    public RecordNotFoundException(String entity, Object id) {
        super(entity + " " + id + " was not found");
    }
}
