package io.backstory.patients;

public enum Sex { F, M, X }
