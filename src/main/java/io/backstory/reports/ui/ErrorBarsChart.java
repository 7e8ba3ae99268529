package io.backstory.reports.ui;

import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;

/** Proportions as bars with 95 % confidence intervals. */
@Tag("backstory-error-bars")
@JsModule("./charts/backstory-error-bars.ts")
class ErrorBarsChart extends Chart {
}
