/** Shared building blocks every module may use: the entity base class and the app layout. */
@NullMarked
package io.backstory.base;

import org.jspecify.annotations.NullMarked;
