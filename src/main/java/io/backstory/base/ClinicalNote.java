package io.backstory.base;

/**
 * The free-text note a therapist writes on a visit or a follow-up: one length rule for both, used by the
 * entities ({@code @Column(length)}), the services' checks, the forms' length counters and the importer.
 * The database columns {@code visit.note} and {@code follow_up.note} are {@code varchar(2000)} in
 * {@code V1__clinical_model.sql}; a migration is never edited once released, so the constant cites the
 * migration and {@code LimitsMatchTheSchemaTest} checks that the two agree.
 */
public final class ClinicalNote {

    /** Characters in a note; about a page of text, more than any visit note in the pilot clinics. */
    public static final int MAX_LENGTH = 2000;

    private ClinicalNote() {
    }

    /**
     * The service's message for a note over {@link #MAX_LENGTH}, with how much was entered: the form keeps the whole
     * text (no browser maxlength cutting a pasted note short), so the therapist sees how much to shorten.
     */
    public static UserFacingException.Problem tooLong(String note) {
        return UserFacingException.tooLong(UserFacingException.Problem.text("error.field.note"), MAX_LENGTH, note.length());
    }
}
