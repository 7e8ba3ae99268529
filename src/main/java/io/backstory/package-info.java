/**
 * Backstory: each direct sub-package is a Spring Modulith module whose root package is its API.
 * Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.backstory;

import org.jspecify.annotations.NullMarked;
