package io.backstory.clinic;

import java.util.List;

/** A clinic and all its locations, archived ones included (history and reports still name them). */
public record ClinicSummary(long id, String name, List<LocationSummary> locations) {

    public ClinicSummary {
        locations = List.copyOf(locations);
    }

    /** Where new episodes may open: the locations that are not archived. */
    public List<LocationSummary> openLocations() {
        return locations.stream().filter(l -> !l.archived()).toList();
    }

    public record LocationSummary(long id, String name, boolean archived) {
    }
}
