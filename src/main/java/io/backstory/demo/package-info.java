/** The synthetic demo clinic: generated from a fixed seed with a known, planted effect. */
@NullMarked
package io.backstory.demo;

import org.jspecify.annotations.NullMarked;
