package io.parley.realtime;

import java.net.URI;
import java.time.Duration;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.support.AppSession;
import io.parley.support.Fixtures;
import io.parley.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidUtf8IntegrationTests extends IntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void textFrameWithInvalidUtf8ThenClose1007() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = Fixtures.room(alice.userId(), "private");
		Sinks.One<WebSocketCloseStatus> closed = Sinks.one();
		byte[] invalid = { '{', '"', 'c', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };
		HttpClient.create()
			.headers((headers) -> headers.set(HttpHeaderNames.AUTHORIZATION, alice.bearer()))
			.websocket()
			.uri(URI.create("ws://localhost:" + this.port + "/room/" + roomId))
			.handle((in, out) -> {
				Sinks.Empty<Void> ready = Sinks.empty();
				in.receiveCloseStatus().subscribe(closed::tryEmitValue);
				in.receive().asString().subscribe((text) -> {
					if (text.contains("\"READY\"")) {
						ready.tryEmitEmpty();
					}
				});
				return ready.asMono()
					.then(out.sendObject(Mono.just(new TextWebSocketFrame(Unpooled.wrappedBuffer(invalid)))).then())
					.then(closed.asMono().then());
			})
			.subscribe(null, (ex) -> closed.tryEmitError(ex));
		WebSocketCloseStatus status = closed.asMono().block(Duration.ofSeconds(10));
		assertThat(status).isNotNull();
		assertThat(status.code()).isEqualTo(1007);
	}

}
