package io.backstory.clinic;

/** The counts on the home page that other modules own (see {@link OverviewCounter}). */
public enum OverviewCount {
    PATIENTS, OPEN_EPISODES, DISCHARGED_EPISODES, VISITS_LAST_30_DAYS, FOLLOW_UPS_DUE, RECURRENCES
}
