/** How the REST API answers what no controller handles: JSON errors naming the parameter, 404 and 405. */
@NullMarked
package io.backstory.base.web;

import org.jspecify.annotations.NullMarked;
