package io.backstory.analytics;

/** Sex as the dataset codes it; F is the reference level of the models. */
public enum Sex { F, M, X }
