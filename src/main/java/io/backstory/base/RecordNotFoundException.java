package io.backstory.base;

/**
 * A record that does not exist, or that belongs to another clinic: the two are deliberately
 * indistinguishable to the caller, so ids of other clinics' patients cannot be probed. The audit
 * trail records every one as NOT_FOUND with the entity and id asked for.
 */
public class RecordNotFoundException extends RuntimeException {

    private final String entity;
    private final String id;

    public RecordNotFoundException(String entity, Object id) {
        super(entity + " " + id + " was not found");
        this.entity = entity;
        this.id = String.valueOf(id);
    }

    public String entity() {
        return entity;
    }

    public String id() {
        return id;
    }
}
