package io.backstory.reports.ui;

import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;

/** Funnel plot with 95 % and 99.8 % control limits. */
@Tag("backstory-funnel")
@JsModule("./charts/backstory-funnel.ts")
class FunnelChart extends Chart {
}
