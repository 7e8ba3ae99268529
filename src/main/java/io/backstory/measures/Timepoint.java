package io.backstory.measures;

/** When in the episode a measure was taken. */
public enum Timepoint { BASELINE, VISIT, DISCHARGE, FOLLOW_UP }
