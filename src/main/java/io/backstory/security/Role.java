package io.backstory.security;

/** What a user does in the clinic; a small clinic's owner is often a therapist too, so users may hold several. */
public enum Role {
    THERAPIST, OWNER, ADMIN;

    /** The Spring Security authority, as used by {@code @RolesAllowed} and {@code hasRole}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
