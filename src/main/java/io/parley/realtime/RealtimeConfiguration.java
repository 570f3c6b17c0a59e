package io.parley.realtime;

import java.util.Map;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;

import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Mounts the WebSocket endpoints and sets the frame size limit (larger frames close with
 * 1009).
 */
@Configuration(proxyBeanMethods = false)
class RealtimeConfiguration {

	@Bean
	WebSocketService webSocketService(RealtimeProperties properties) {
		int maxFrame = (int) properties.maxFrame().toBytes();
		return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
				() -> WebsocketServerSpec.builder().maxFramePayloadLength(maxFrame)));
	}

	/**
	 * WebSocket handshakes are not timed as HTTP requests: such an observation would last
	 * as long as the connection and hold its request and tags all that while.
	 */
	@Bean
	ObservationPredicate webSocketsNotObservedAsRequests() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& "websocket".equalsIgnoreCase(request.getCarrier().getHeaders().getUpgrade()));
	}

	@Bean
	HandlerMapping webSocketMapping(ChatSocketEndpoint chat) {
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(
				Map.of("/room/*", chat, "/ws", chat, "/users", chat));
		mapping.setOrder(-2);
		return mapping;
	}

}
