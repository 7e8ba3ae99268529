package io.backstory.analytics;

/** STarT Back risk group; low is the reference level. */
public enum StartBackRisk { LOW, MEDIUM, HIGH }
