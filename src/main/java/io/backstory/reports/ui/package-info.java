/**
 * The owner's report pages and the chart components they draw with (JSON for the web components in frontend/charts).
 * Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.backstory.reports.ui;

import org.jspecify.annotations.NullMarked;
