package io.backstory.clinic;

/**
 * How far a new clinic is with its first-run steps (DESIGN §8): named, where it works, and who treats
 * patients. {@code named} is false while the clinic still has the bootstrap's placeholder name.
 */
public record SetupProgress(String clinicName, boolean named, int openLocations, int therapists) {

    /** Episodes can be opened once a therapist exists; until then the admin is guided through the steps. */
    public boolean complete() {
        return named && openLocations > 0 && therapists > 0;
    }
}
