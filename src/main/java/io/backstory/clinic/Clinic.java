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

    @Column(nullable = false, length = 120)
    private String name = "";

    protected Clinic() {
    }

    Clinic(String name) {
        this.name = name;
    }

    @Nullable Long getId() { return id; }
    String getName() { return name; }

    void rename(String name) {
        this.name = name;
    }
}
