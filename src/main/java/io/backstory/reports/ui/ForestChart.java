package io.backstory.reports.ui;

import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;

/** Ratios with 95 % confidence intervals on a log scale. */
@Tag("backstory-forest")
@JsModule("./charts/backstory-forest.ts")
class ForestChart extends Chart {
}
