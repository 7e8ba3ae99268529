package io.backstory.reports.ui;

import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;

/** Lines over categories with up to two y axes. */
@Tag("backstory-lines")
@JsModule("./charts/backstory-lines.ts")
class LinesChart extends Chart {
}
