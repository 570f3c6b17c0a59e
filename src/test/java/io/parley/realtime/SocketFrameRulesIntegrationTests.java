package io.parley.realtime;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import io.parley.support.Accounts;
import io.parley.support.AppSession;
import io.parley.support.ParleyApi;
import io.parley.support.ParleyInstance;
import io.parley.support.SilentSocket;
import io.parley.support.SocketFrames;
import io.parley.support.TestServices;
import io.parley.support.TestSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules every socket applies to what clients send: TYPING only to a room the socket is
 * in, a budget of TYPING starts (1 a second with a burst of 3 here; SUBSCRIBE and READ
 * are not budgeted), no negative seqs, binary frames are malformed, too many malformed
 * frames in a row close with 1008 on every endpoint, a message over the frame limit in
 * fragments closes with 1009, and a frame that breaks RFC 6455 (reserved bits, a close
 * frame with an invalid body) is answered with a close frame, not a bare TCP close.
 */
class SocketFrameRulesIntegrationTests {

	private static ParleyInstance instance;

	private static Accounts accounts;

	@BeforeAll
	static void start() {
		instance = ParleyInstance.start("", "parley.realtime.typing-changes-per-second=1",
				"parley.realtime.typing-change-burst=3", "parley.realtime.max-frame=4KB");
		accounts = new Accounts(instance.api().http(), TestServices.mail());
	}

	@AfterAll
	static void stop() {
		if (instance != null) {
			instance.close();
		}
	}

	@Test
	void typingToARoomTheSocketIsNotInIsRefusedAndReachesNobody() {
		AppSession alice = accounts.newUser("alice");
		AppSession mallory = accounts.newUser("mallory");
		long roomId = ParleyApi.room("private", alice);
		try (TestSocket member = instance.ready(alice, roomId); TestSocket outsider = instance.socket(mallory, "/ws")) {
			outsider.send("{\"type\":\"TYPING\",\"roomId\":" + roomId + ",\"active\":true}");
			JsonNode error = outsider.next("ERROR");
			assertThat(error.get("data").get("code").asString()).isEqualTo("not_a_member");
			member.send("{\"type\":\"PING\"}");
			assertThat(member.next().get("type").asString()).as("nothing before the PONG").isEqualTo("PONG");
		}
	}

	@Test
	void typingStartsBeyondTheBudgetAreRefusedWithRateLimitedButEveryStopReachesTheRoom() {
		AppSession bob = accounts.newUser("bob");
		AppSession dave = accounts.newUser("dave");
		long roomId = ParleyApi.room("private", bob, dave);
		try (TestSocket socket = instance.ready(bob, roomId); TestSocket other = instance.ready(dave, roomId)) {
			for (int i = 0; i < 8; i++) {
				socket.send("{\"type\":\"TYPING\",\"active\":" + (i % 2 == 0) + "}");
			}
			assertThat(socket.next("ERROR").get("data").get("code").asString()).isEqualTo("rate_limited");
			// three starts within the burst, each followed by its stop; the fourth start
			// was refused, so the last word is a stop
			for (int i = 0; i < 6; i++) {
				JsonNode typing = other.next("TYPING");
				assertThat(typing.get("data").get("active").asBoolean()).as("TYPING %d", i).isEqualTo(i % 2 == 0);
			}
			other.send("{\"type\":\"PING\"}");
			assertThat(SocketFrames.typesUntil(other, "PONG")).doesNotContain("TYPING");
		}
	}

	@Test
	void subscribingToManyRoomsAtOnceIsNotBudgeted() {
		AppSession grace = accounts.newUser("grace");
		try (TestSocket socket = instance.socket(grace, "/ws")) {
			for (int i = 0; i < 6; i++) {
				socket.send("{\"type\":\"SUBSCRIBE\",\"roomId\":" + ParleyApi.room("private", grace) + "}");
			}
			for (int i = 0; i < 6; i++) {
				assertThat(socket.next("READY").get("roomId").asLong()).isPositive();
			}
		}
	}

	@Test
	void negativeSinceAndSeqAreValidationErrors() {
		AppSession carol = accounts.newUser("carol");
		long roomId = ParleyApi.room("private", carol);
		try (TestSocket socket = instance.socket(carol, "/ws")) {
			socket.send("{\"type\":\"SUBSCRIBE\",\"roomId\":" + roomId + ",\"since\":-1}");
			assertThat(socket.next("ERROR").get("data").get("code").asString()).isEqualTo("validation_failed");
			socket.send("{\"type\":\"READ\",\"roomId\":" + roomId + ",\"seq\":-1}");
			assertThat(socket.next("ERROR").get("data").get("code").asString()).isEqualTo("validation_failed");
		}
	}

	@Test
	void binaryFramesAreMalformedAndFiveInARowCloseWith1008() {
		AppSession dave = accounts.newUser("dave");
		long roomId = ParleyApi.room("private", dave);
		try (SilentSocket socket = SilentSocket.open(instance.port(), "/room/" + roomId, dave.bearer())) {
			for (int i = 0; i < 5; i++) {
				socket.sendFrame(2, true, new byte[] { 1, 2, 3 });
			}
			List<String> frames = socket.readUntilClosed();
			assertThat(frames).as(frames.toString())
				.filteredOn((frame) -> frame.contains("malformed_frame"))
				.hasSize(5);
			assertThat(frames).last().isEqualTo("close 1008");
		}
	}

	@Test
	void malformedFramesInARowCloseTheUsersSocketWith1008() {
		AppSession erin = accounts.newUser("erin");
		try (SilentSocket socket = SilentSocket.open(instance.port(), "/users", erin.bearer())) {
			for (int i = 0; i < 5; i++) {
				socket.sendFrame(1, true, "{\"type\":\"SEND\"}".getBytes(StandardCharsets.UTF_8));
			}
			assertThat(socket.readUntilClosed()).last().isEqualTo("close 1008");
		}
	}

	@Test
	void aMessageOverTheLimitInFragmentsClosesWith1009() {
		AppSession frank = accounts.newUser("frank");
		long roomId = ParleyApi.room("private", frank);
		try (SilentSocket socket = SilentSocket.open(instance.port(), "/room/" + roomId, frank.bearer())) {
			byte[] part = "x".repeat(1024).getBytes(StandardCharsets.UTF_8);
			socket.sendFrame(1, false, part);
			for (int i = 0; i < 5; i++) {
				socket.sendFrame(0, i == 4, part);
			}
			assertThat(socket.readUntilClosed()).last().isEqualTo("close 1009");
		}
	}

	@ParameterizedTest(name = "close body {0} -> {1}")
	@CsvSource({ "03e7, 1002", "03ed, 1002", "03, 1002", "03e8c328, 1007", "03e8, 1000", "0fa0, 4000",
			"0fa06279, 4000" })
	void aCloseFrameIsAnsweredWithACloseFrame(String body, int answer) {
		AppSession grace = accounts.newUser("grace");
		long roomId = ParleyApi.room("private", grace);
		try (SilentSocket socket = SilentSocket.open(instance.port(), "/room/" + roomId, grace.bearer())) {
			socket.sendFrame(8, true, HexFormat.of().parseHex(body));
			assertThat(socket.readUntilClosed()).last().isEqualTo("close " + answer);
		}
	}

	@Test
	void anInvalidCloseFrameAfterTheServersCloseGetsNoSecondCloseFrame() {
		AppSession ivan = accounts.newUser("ivan");
		long roomId = ParleyApi.room("private", ivan);
		try (SilentSocket socket = SilentSocket.open(instance.port(), "/room/" + roomId, ivan.bearer())) {
			for (int i = 0; i < 5; i++) {
				socket.sendFrame(2, true, new byte[] { 1 });
			}
			assertThat(socket.readUntilClosed()).last().isEqualTo("close 1008");
			socket.sendFrame(8, true, HexFormat.of().parseHex("03e7"));
			assertThat(socket.readUntilClosed()).as("after the server's close frame").isEmpty();
		}
	}

	@Test
	void aFrameWithReservedBitsClosesWith1002() {
		AppSession heidi = accounts.newUser("heidi");
		try (SilentSocket socket = SilentSocket.open(instance.port(), "/ws", heidi.bearer())) {
			int textWithRsv1 = 0x40 | 1;
			socket.sendFrame(textWithRsv1, true, "{\"type\":\"PING\"}".getBytes(StandardCharsets.UTF_8));
			List<String> frames = socket.readUntilClosed();
			assertThat(frames).as(frames.toString()).noneMatch((frame) -> frame.contains("PONG"));
			assertThat(frames).last().isEqualTo("close 1002");
		}
	}

}
