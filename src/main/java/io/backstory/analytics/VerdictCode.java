package io.backstory.analytics;

/** The answer to "do multi-factor plans reduce recurrence here?" (DESIGN §4, Verdict). */
public enum VerdictCode { SUPPORTS, CONTRADICTS, INCONCLUSIVE, INSUFFICIENT_DATA }
