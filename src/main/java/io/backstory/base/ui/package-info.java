/** The app layout and the small UI pieces every feature's views share; open to all modules' ui packages. */
@NamedInterface("ui")
@NullMarked
package io.backstory.base.ui;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
