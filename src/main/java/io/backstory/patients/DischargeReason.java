package io.backstory.patients;

public enum DischargeReason { GOALS_MET, SELF_DISCHARGED, REFERRED_ON, OTHER }
