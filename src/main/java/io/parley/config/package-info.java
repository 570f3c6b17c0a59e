/**
 * Global settings only: database wiring, JSON rules and the start-up report.
 */
@NullMarked
package io.parley.config;

import org.jspecify.annotations.NullMarked;
