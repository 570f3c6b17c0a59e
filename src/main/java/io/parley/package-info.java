/**
 * Parley, a reactive chat server: the application entry point.
 */
@NullMarked
package io.parley;

import org.jspecify.annotations.NullMarked;
