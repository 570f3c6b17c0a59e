/**
 * The cross-instance bus: topics of opaque bytes, in-process or over Redis pub/sub. It
 * knows no feature.
 */
@NullMarked
package io.parley.realtime.bus;

import org.jspecify.annotations.NullMarked;
