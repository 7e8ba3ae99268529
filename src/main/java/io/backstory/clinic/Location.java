package io.backstory.clinic;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "location")
class Location {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(name = "clinic_id", nullable = false)
    private long clinicId;

    @Column(nullable = false, length = ClinicService.NAME_MAX_LENGTH)
    private String name = "";

    /** Set when archived: the location keeps its episodes and report history but takes no new episodes. */
    @Column(name = "archived_at")
    private @Nullable Instant archivedAt;

    protected Location() {
    }

    Location(long clinicId, String name) {
        this.clinicId = clinicId;
        this.name = name;
    }

    @Nullable Long getId() { return id; }
    long getClinicId() { return clinicId; }
    String getName() { return name; }
    boolean isArchived() { return archivedAt != null; }

    void rename(String name) {
        this.name = name;
    }

    void archive(Instant now) {
        archivedAt = now;
    }

    void restore() {
        archivedAt = null;
    }
}
