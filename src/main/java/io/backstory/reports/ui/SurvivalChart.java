package io.backstory.reports.ui;

import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;

/** Kaplan-Meier step curves with 95 % confidence bands. */
@Tag("backstory-survival")
@JsModule("./charts/backstory-survival.ts")
class SurvivalChart extends Chart {
}
