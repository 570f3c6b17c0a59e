package io.parley.realtime;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and timings of the WebSocket endpoints.
 *
 * @param heartbeat how often the server pings; two missed pongs drop the connection
 * @param maxFrame largest frame accepted (larger: close 1009)
 * @param outboundBuffer frames queued for one slow connection before it is closed with
 * 1013
 * @param maxConnectionsPerUser sockets one user may hold on one instance
 * @param typingTimeout after this long without {@code active:true}, typing stops
 * @param malformedFramesBeforeClose malformed frames in a row that close with 1008
 * @param shutdownGrace how long shutdown waits for in-flight sends
 * @param typingChangesPerSecond TYPING starts one socket may send per second, sustained
 * (beyond: {@code ERROR rate_limited})
 * @param typingChangeBurst how many such frames may come at once on top of the rate
 */
@ConfigurationProperties("parley.realtime")
public record RealtimeProperties(@DefaultValue("30s") Duration heartbeat, @DefaultValue("64KB") DataSize maxFrame,
		@DefaultValue("1024") int outboundBuffer, @DefaultValue("1MB") DataSize outboundBytes,
		@DefaultValue("20") int maxConnectionsPerUser, @DefaultValue("6s") Duration typingTimeout,
		@DefaultValue("5") int malformedFramesBeforeClose, @DefaultValue("10s") Duration shutdownGrace,
		@DefaultValue("10") int typingChangesPerSecond, @DefaultValue("40") int typingChangeBurst) {
}
