package io.backstory.reports;

import java.util.List;

/** Choices for the report's filter bar: the clinic's locations and therapists. */
public record ReportOptions(List<Option> locations, List<Option> therapists, int clinicHorizonDays) {

    public ReportOptions {
        locations = List.copyOf(locations);
        therapists = List.copyOf(therapists);
    }

    public record Option(long id, String name) {
    }
}
