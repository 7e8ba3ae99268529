package io.backstory.analytics;

/** The answer to "do multi-factor plans go with fewer recurrences here?" (DESIGN §4, Verdict; issue 10). */
public enum VerdictCode { SUPPORTS, CONTRADICTS, INCONCLUSIVE, INSUFFICIENT_DATA }
