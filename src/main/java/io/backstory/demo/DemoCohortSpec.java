package io.backstory.demo;

import java.time.LocalDate;

/** What demo clinic to generate; the same spec always gives the same clinic. */
record DemoCohortSpec(long seed, int dischargedEpisodes, int openEpisodes, int therapists, int locations, LocalDate today) {

    DemoCohortSpec {
        if (dischargedEpisodes < 0 || openEpisodes < 0) {
            throw new IllegalArgumentException("Episodes: must not be negative");
        }
        if (therapists < 1 || locations < 1) {
            throw new IllegalArgumentException("Therapists and locations: at least one each");
        }
    }

    /** 2 locations, 6 therapists, 2,000 discharged and ~6 % as many open episodes (a live-looking clinic). */
    static DemoCohortSpec of(long seed, int dischargedEpisodes, LocalDate today) {
        return new DemoCohortSpec(seed, dischargedEpisodes, Math.max(5, dischargedEpisodes * 6 / 100), 6, 2, today);
    }
}
