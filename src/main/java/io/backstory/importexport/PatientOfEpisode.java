package io.backstory.importexport;

import java.util.Arrays;

/**
 * Each episode's patient, collected while the episodes stream past in id order, so the visits, measures and
 * recurrences that follow (which know their episode) can name their patient without a join on the patients module's
 * tables. Two sorted arrays: 16 bytes an episode, a binary search a lookup.
 */
final class PatientOfEpisode {

    private long[] episodes = new long[1024];
    private long[] patients = new long[1024];
    private int size;

    /** Adds an episode; ids must come in ascending order. */
    void add(long episodeId, long patientId) {
        if (size > 0 && episodeId <= episodes[size - 1]) {
            throw new IllegalArgumentException("episodes out of order: " + episodeId + " after " + episodes[size - 1]);
        }
        if (size == episodes.length) {
            episodes = Arrays.copyOf(episodes, size * 2);
            patients = Arrays.copyOf(patients, size * 2);
        }
        episodes[size] = episodeId;
        patients[size] = patientId;
        size++;
    }

    long patientOf(long episodeId) {
        int i = Arrays.binarySearch(episodes, 0, size, episodeId);
        if (i < 0) {
            throw new IllegalStateException("no episode " + episodeId + " in this export");
        }
        return patients[i];
    }
}
