package io.backstory.clinic;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "clinic")
class Clinic {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(nullable = false, length = ClinicService.NAME_MAX_LENGTH)
    private String name = "";

    /** Issue 16: messages to patients without a language of their own are written in this one; null: English. */
    @Column(name = "default_language", length = 16)
    private @Nullable String defaultLanguage;

    protected Clinic() {
    }

    Clinic(String name) {
        this.name = name;
    }

    @Nullable Long getId() { return id; }
    String getName() { return name; }

    @Nullable String getDefaultLanguage() { return defaultLanguage; }

    void setDefaultLanguage(@Nullable String defaultLanguage) {
        this.defaultLanguage = defaultLanguage;
    }

    void rename(String name) {
        this.name = name;
    }
}
