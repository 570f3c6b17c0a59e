package io.parley.realtime;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import io.parley.support.ApiIntegrationTest;
import io.parley.support.AppSession;
import io.parley.support.ForgedTokens;
import io.parley.support.ParleyApi;
import io.parley.support.RawHttp;
import io.parley.support.SilentSocket;
import io.parley.support.SocketFrames;
import io.parley.support.TestSocket;

import static io.parley.support.ParleyApi.body;
import static io.parley.support.ParleyApi.number;
import static io.parley.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handshake credentials, limits and the frames that REST actions and other users cause on
 * {@code /room/{id}} sockets.
 */
@ExtendWith(OutputCaptureExtension.class)
class RoomSocketLimitsIntegrationTests extends ApiIntegrationTest {

	@Test
	void handshakeWithCookieWhenForeignOriginThen403AndWhenPublicUrlOriginThenUpgraded() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		assertThat(TestSocket.open(this.port, "/room/" + roomId, cookie(alice, "http://evil.example")).awaitRefusal())
			.isEqualTo(403);
		assertThat(TestSocket.open(this.port, "/room/" + roomId, cookie(alice, null)).awaitRefusal()).isEqualTo(403);
		try (TestSocket socket = TestSocket.open(this.port, "/room/" + roomId,
				cookie(alice, "http://localhost:8080"))) {
			assertThat(socket.next("READY").get("data").get("room").get("id").asLong()).isEqualTo(roomId);
		}
	}

	@Test
	void handshakeWhenUserHoldsTheMostSocketsThen429BeforeTheUpgradeUntilOneCloses() throws InterruptedException {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		List<SilentSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				sockets.add(SilentSocket.open(this.port, "/room/" + roomId, alice.bearer()));
			}
			try (RawHttp connection = RawHttp.connect(this.port)) {
				RawHttp.Response refused = connection
					.send("GET /room/" + roomId + " HTTP/1.1\r\nHost: localhost\r\n"
							+ "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
							+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: " + alice.bearer()
							+ "\r\n\r\n")
					.read();
				expectProblem(refused, HttpStatus.TOO_MANY_REQUESTS, "rate_limited");
				assertThat(refused.header("Retry-After")).isEqualTo("5");
			}
			sockets.remove(0).close();
			SilentSocket again = null;
			for (int attempt = 0; again == null && attempt < 50; attempt++) {
				try {
					again = SilentSocket.open(this.port, "/room/" + roomId, alice.bearer());
				}
				catch (AssertionError refusedWhileTheCloseIsNoticed) {
					Thread.sleep(100);
				}
			}
			assertThat(again).as("a place freed by a close").isNotNull();
			sockets.add(again);
		}
		finally {
			sockets.forEach(SilentSocket::close);
		}
	}

	@Test
	void handshakeWithSeveralCredentialsThenTheFirstPresentIsUsedAndOriginMattersOnlyForTheCookie() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession mallory = this.accounts.newUser("mallory");
		long roomId = ParleyApi.room("private", alice);
		String path = "/room/" + roomId;
		// the query token wins over a bearer token: bad token, good bearer is refused
		HttpHeaders aliceBearer = new HttpHeaders();
		aliceBearer.setBearerAuth(alice.accessToken());
		assertThat(TestSocket.open(this.port, path + "?token=not-a-token", aliceBearer).awaitRefusal()).isEqualTo(401);
		// the bearer wins over the cookie: mallory's cookie is not looked at, nor its
		// foreign origin
		HttpHeaders bearerAndForeignCookie = cookie(mallory, "http://evil.example");
		bearerAndForeignCookie.setBearerAuth(alice.accessToken());
		try (TestSocket socket = TestSocket.open(this.port, path, bearerAndForeignCookie)) {
			assertThat(socket.next("READY").get("data").get("room").get("id").asLong()).isEqualTo(roomId);
		}
		// a bearer of someone else wins over alice's cookie: mallory may not open alice's
		// room
		HttpHeaders otherBearerAndCookie = cookie(alice, "http://localhost:8080");
		otherBearerAndCookie.setBearerAuth(mallory.accessToken());
		assertThat(TestSocket.open(this.port, path, otherBearerAndCookie).awaitRefusal()).isEqualTo(404);
	}

	@Test
	void handshakeWithWsTokenThenUpgradedOnceAndSecondUseThen401() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		String token = (String) body(this.api.call(alice, HttpMethod.POST, "/api/auth/ws-token").expectStatus().isOk())
			.get("token");
		try (TestSocket socket = TestSocket.open(this.port, "/room/" + roomId + "?token=" + token, new HttpHeaders())) {
			socket.next("READY");
		}
		assertThat(TestSocket.open(this.port, "/room/" + roomId + "?token=" + token, new HttpHeaders()).awaitRefusal())
			.isEqualTo(401);
	}

	@Test
	void handshakeWithQueryTokenThenTheTokenNeverReachesTheLog(CapturedOutput output) {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		String token = (String) body(this.api.call(alice, HttpMethod.POST, "/api/auth/ws-token").expectStatus().isOk())
			.get("token");
		try (TestSocket socket = TestSocket.open(this.port, "/room/" + roomId + "?token=" + token, new HttpHeaders())) {
			socket.next("READY");
			socket.send("not json");
			socket.next("ERROR");
		}
		assertThat(TestSocket.open(this.port, "/room/" + roomId + "?token=" + token, new HttpHeaders()).awaitRefusal())
			.isEqualTo(401);
		try (TestSocket socket = TestSocket.open(this.port, "/room/" + roomId + "?token=" + alice.accessToken(),
				new HttpHeaders())) {
			socket.next("READY");
		}
		assertThat(output.getAll()).doesNotContain(token).doesNotContain(alice.accessToken());
	}

	@Test
	void accessTokenExpiresDuringConnectionThenClose4401AtExpiry() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		Instant expiresAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
		String shortLived = ForgedTokens.expiringAt(alice, expiresAt);
		try (TestSocket socket = TestSocket.open(this.port, "/room/" + roomId, "Bearer " + shortLived)) {
			socket.next("READY");
			assertThat(socket.awaitClose().getCode()).isEqualTo(4401);
			assertThat(Instant.now()).isAfterOrEqualTo(expiresAt);
		}
		// the login session itself is untouched
		try (TestSocket socket = TestSocket.open(this.port, "/room/" + roomId, alice.bearer())) {
			socket.next("READY");
		}
	}

	@Test
	void sendWhen21MessagesFastThenTwentyAckedAndTheLastRateLimited() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		try (TestSocket socket = TestSocket.open(this.port, "/room/" + roomId, alice.bearer())) {
			socket.next("READY");
			for (int i = 1; i <= 21; i++) {
				socket.send(SocketFrames.send("m" + i, "c-" + i));
			}
			// the refusal is answered at once, possibly before earlier sends are stored
			// and
			// ACKed; the ACKs come in seq order
			List<JsonNode> acks = new ArrayList<>();
			List<JsonNode> errors = new ArrayList<>();
			for (int n = 1; n <= 21; n++) {
				JsonNode frame = socket.next();
				(frame.get("type").asString().equals("ACK") ? acks : errors).add(frame);
			}
			assertThat(acks).hasSize(20);
			for (int i = 1; i <= 20; i++) {
				JsonNode ack = acks.get(i - 1);
				assertThat(ack.get("data").get("clientMessageId").asString()).isEqualTo("c-" + i);
				assertThat(SocketFrames.seq(ack)).isEqualTo(i);
			}
			assertThat(errors).hasSize(1);
			JsonNode error = errors.get(0);
			assertThat(error.get("type").asString()).isEqualTo("ERROR");
			assertThat(error.get("data").get("code").asString()).isEqualTo("rate_limited");
			assertThat(error.get("data").get("clientMessageId").asString()).isEqualTo("c-21");
			socket.send("{\"type\":\"PING\"}");
			assertThat(socket.next().get("type").asString()).isEqualTo("PONG");
		}
		assertThat(number(this.api.room(alice, roomId), "lastSeq")).isEqualTo(20);
	}

	@Test
	void editAndDeleteOverRestThenMessageUpdatedAndDeletedOnEverySocket() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = ParleyApi.room("private", alice, bob);
		try (TestSocket a = ready(alice, roomId); TestSocket b = ready(bob, roomId)) {
			long id = number(this.api.message(alice, roomId, "draft"), "id");
			this.api
				.send(alice, HttpMethod.PATCH, Map.of("content", "final"), "/api/rooms/{id}/messages/{messageId}",
						roomId, id)
				.expectStatus()
				.isOk();
			this.api.call(alice, HttpMethod.DELETE, "/api/rooms/{id}/messages/{messageId}", roomId, id)
				.expectStatus()
				.isNoContent();
			for (TestSocket socket : List.of(a, b)) {
				JsonNode updated = socket.next("MESSAGE_UPDATED");
				assertThat(updated.get("roomId").asLong()).isEqualTo(roomId);
				assertThat(updated.get("data").get("id").asLong()).isEqualTo(id);
				assertThat(updated.get("data").get("seq").asLong()).isEqualTo(1);
				assertThat(updated.get("data").get("content").asString()).isEqualTo("final");
				assertThat(updated.get("data").get("editedAt").isNull()).isFalse();
				JsonNode deleted = socket.next();
				assertThat(deleted.get("type").asString()).isEqualTo("MESSAGE_DELETED");
				assertThat(deleted.get("data").propertyNames()).containsExactlyInAnyOrder("id", "seq");
				assertThat(deleted.get("data").get("id").asLong()).isEqualTo(id);
				assertThat(deleted.get("data").get("seq").asLong()).isEqualTo(1);
			}
		}
	}

	@Test
	void typingThenOtherUserSeesActiveAndThenInactiveBySelfButTheTypistSeesNothing() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = ParleyApi.room("private", alice, bob);
		try (TestSocket a = ready(alice, roomId); TestSocket b = ready(bob, roomId)) {
			a.send("{\"type\":\"TYPING\",\"active\":true}");
			JsonNode active = b.next("TYPING");
			long activeAt = System.nanoTime();
			assertThat(active.get("data").get("userId").asLong()).isEqualTo(alice.userId());
			assertThat(active.get("data").get("username").asString()).isEqualTo(alice.username());
			assertThat(active.get("data").get("active").asBoolean()).isTrue();
			JsonNode inactive = b.next("TYPING");
			assertThat(inactive.get("data").get("userId").asLong()).isEqualTo(alice.userId());
			assertThat(inactive.get("data").get("active").asBoolean()).isFalse();
			assertThat(Duration.ofNanos(System.nanoTime() - activeAt)).isBetween(Duration.ofSeconds(5),
					Duration.ofSeconds(10));
			// a message after both typing events reaches alice too: nothing typed came
			// before it
			this.api.message(bob, roomId, "marker");
			assertThat(SocketFrames.typesUntil(a, "NEW_MESSAGE")).doesNotContain("TYPING");
		}
	}

	@Test
	void readFrameThenOtherUsersSocketGetsReadButTheReadersDoesNot() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = ParleyApi.room("private", alice, bob);
		try (TestSocket a = ready(alice, roomId); TestSocket b = ready(bob, roomId)) {
			this.api.message(alice, roomId, "one");
			this.api.message(alice, roomId, "two");
			SocketFrames.expectSeqs(b, 1, 2);
			b.send("{\"type\":\"READ\",\"seq\":2}");
			JsonNode read = a.next("READ");
			assertThat(read.get("roomId").asLong()).isEqualTo(roomId);
			assertThat(read.get("data").get("userId").asLong()).isEqualTo(bob.userId());
			assertThat(read.get("data").get("seq").asLong()).isEqualTo(2);
			this.api.message(alice, roomId, "three");
			assertThat(SocketFrames.typesUntil(b, "NEW_MESSAGE")).doesNotContain("READ");
		}
	}

	@Test
	void joinPublicRoomThenMemberJoinedOnSockets() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession carol = this.accounts.newUser("carol");
		long roomId = ParleyApi.room("public", alice);
		String slug = (String) this.api.room(alice, roomId).get("slug");
		try (TestSocket a = ready(alice, roomId)) {
			this.api.send(carol, HttpMethod.POST, Map.of("slug", slug), "/api/rooms/join").expectStatus().isOk();
			JsonNode joined = a.next("MEMBER_JOINED");
			assertThat(joined.get("roomId").asLong()).isEqualTo(roomId);
			assertThat(joined.get("data").get("user").get("id").asLong()).isEqualTo(carol.userId());
			assertThat(joined.get("data").get("user").get("username").asString()).isEqualTo(carol.username());
		}
	}

	@Test
	void deleteRoomThenEverySocketClosesWith4403() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = ParleyApi.room("private", alice, bob);
		try (TestSocket a = ready(alice, roomId); TestSocket b = ready(bob, roomId)) {
			this.api.call(alice, HttpMethod.DELETE, "/api/rooms/{id}", roomId).expectStatus().isNoContent();
			assertThat(a.awaitClose().getCode()).isEqualTo(4403);
			assertThat(b.awaitClose().getCode()).isEqualTo(4403);
		}
	}

	private static HttpHeaders cookie(AppSession session, String origin) {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.COOKIE, "parley_access=" + session.accessToken());
		if (origin != null) {
			headers.setOrigin(origin);
		}
		return headers;
	}

}
