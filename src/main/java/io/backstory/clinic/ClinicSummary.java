package io.backstory.clinic;

import java.util.List;

public record ClinicSummary(long id, String name, List<LocationSummary> locations) {

    public record LocationSummary(long id, String name) {
    }
}
