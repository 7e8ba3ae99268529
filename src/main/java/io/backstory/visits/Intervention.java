package io.backstory.visits;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "intervention")
class Intervention {

    @Id
    private long id;

    @Column(name = "clinic_id")
    private @Nullable Long clinicId;

    @Column(nullable = false, length = 40)
    private String code = "";

    @Column(nullable = false, length = 120)
    private String name = "";

    @Enumerated(EnumType.STRING)
    @Column(length = 10)
    private @Nullable Factor factor;

    @Column(nullable = false)
    private boolean active;

    protected Intervention() {
    }

    InterventionSummary toSummary() {
        return new InterventionSummary(id, code, name, factor);
    }
}
