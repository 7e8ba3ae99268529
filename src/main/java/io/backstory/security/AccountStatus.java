package io.backstory.security;

/** Where an account stands, as the people list shows it. */
public enum AccountStatus {
    /** Can sign in. */
    ACTIVE,
    /** Created, waiting for the person to choose a password through their setup link. */
    INVITED,
    /** Too many failed sign-ins; an admin can unlock it, or it unlocks itself after a while. */
    LOCKED,
    /** Cannot sign in; their name stays on every record they made. */
    DEACTIVATED
}
