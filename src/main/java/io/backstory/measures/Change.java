package io.backstory.measures;

/** Direction-aware reading of a change between two scores of one instrument, judged against its MCID. */
public enum Change { IMPROVED, NO_CLINICALLY_IMPORTANT_CHANGE, WORSENED }
