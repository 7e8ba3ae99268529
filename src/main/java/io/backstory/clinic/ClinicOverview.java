package io.backstory.clinic;

/** The home page's at-a-glance counts for one clinic. */
public record ClinicOverview(String clinicName, int locations, int therapists, long patients, long openEpisodes,
                             long dischargedEpisodes, long visitsLast30Days, long followUpsDue, long recurrences) {
}
