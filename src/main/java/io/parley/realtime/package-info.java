/**
 * Real time: the WebSocket endpoints, their frames and connections, and the per-room
 * fan-out that turns bus traffic into ordered deliveries.
 */
@NullMarked
package io.parley.realtime;

import org.jspecify.annotations.NullMarked;
