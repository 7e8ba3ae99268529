package io.backstory.patients;

/** Symptom duration at intake: acute < 6 weeks, subacute 6-12 weeks, chronic > 12 weeks. */
public enum Chronicity { ACUTE, SUBACUTE, CHRONIC }
