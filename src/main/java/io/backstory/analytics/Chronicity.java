package io.backstory.analytics;

/** Symptom duration at intake: acute < 6 weeks, subacute 6-12 weeks, chronic > 12 weeks; acute is the reference level. */
public enum Chronicity { ACUTE, SUBACUTE, CHRONIC }
