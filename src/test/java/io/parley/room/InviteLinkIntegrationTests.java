package io.parley.room;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.parley.support.AppSession;
import io.parley.support.IntegrationTest;
import io.parley.web.HttpProperties;

import static io.parley.room.RoomsApi.expectCode;
import static org.assertj.core.api.Assertions.assertThat;

class InviteLinkIntegrationTests extends IntegrationTest {

	@Autowired
	private HttpProperties httpProperties;

	private RoomsApi rooms;

	private AppSession owner;

	private long roomId;

	@BeforeEach
	void setUp() {
		this.rooms = new RoomsApi(this.http);
		this.owner = this.accounts.newUser("owner");
		this.roomId = this.rooms.create(this.owner, "Hideout", "private");
	}

	@Test
	void createThenAnyoneJoinsThePrivateRoomThroughTheLink() {
		Map<String, Object> link = RoomsApi
			.body(createLink(this.owner, Map.of("maxUses", 5)).expectStatus().isCreated());
		String code = (String) link.get("code");
		assertThat(code).matches("[A-Za-z0-9_-]{20,}");
		assertThat(link)
			.containsEntry("url", this.httpProperties.publicUrl().toString().replaceAll("/+$", "") + "/join/" + code)
			.containsEntry("maxUses", 5)
			.containsEntry("uses", 0)
			.containsEntry("expiresAt", null);

		AppSession guest = this.accounts.newUser("guest");
		join(guest, code).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(this.roomId)
			.jsonPath("$.myRole")
			.isEqualTo("member")
			.jsonPath("$.memberCount")
			.isEqualTo(2);
		join(guest, code).expectStatus().isOk();
		this.rooms.get(this.owner, "/api/rooms/" + this.roomId + "/invite-links")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[0].code")
			.isEqualTo(code)
			.jsonPath("$.items[0].uses")
			.isEqualTo(1)
			.jsonPath("$.nextCursor")
			.isEmpty();
	}

	@Test
	void createWithoutBodyThenUnlimitedLink() {
		this.rooms.call(this.owner, HttpMethod.POST, "/api/rooms/" + this.roomId + "/invite-links")
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.expiresAt")
			.isEmpty()
			.jsonPath("$.maxUses")
			.isEmpty();
		expectCode(createLink(this.owner, Map.of("maxUses", 0, "expiresInSeconds", -1)), 400, "validation_failed");
		expectCode(createLink(this.owner, Map.of("maxUses", "many")), 400, "malformed_request");
	}

	@Test
	void manageLinksWhenMemberThenForbiddenAndWhenStrangerThenRoomNotFound() {
		String code = codeOf(createLink(this.owner, Map.of()));
		AppSession member = this.accounts.newUser("member");
		join(member, code).expectStatus().isOk();
		AppSession stranger = this.accounts.newUser("stranger");
		String links = "/api/rooms/" + this.roomId + "/invite-links";
		expectCode(createLink(member, Map.of()), 403, "forbidden");
		expectCode(this.rooms.get(member, links), 403, "forbidden");
		expectCode(this.rooms.call(member, HttpMethod.DELETE, links + "/" + code), 403, "forbidden");
		expectCode(this.rooms.get(stranger, links), 404, "room_not_found");

		this.rooms.setRole(this.owner, this.roomId, member.userId(), "admin").expectStatus().isOk();
		createLink(member, Map.of()).expectStatus().isCreated();
	}

	@Test
	void joinWhenRevokedThenExpired() {
		String code = codeOf(createLink(this.owner, Map.of()));
		String uri = "/api/rooms/" + this.roomId + "/invite-links/" + code;
		this.rooms.call(this.owner, HttpMethod.DELETE, uri).expectStatus().isNoContent();
		this.rooms.call(this.owner, HttpMethod.DELETE, uri).expectStatus().isNoContent();
		expectCode(this.rooms.call(this.owner, HttpMethod.DELETE, uri + "x"), 404, "invite_link_not_found");
		expectCode(join(this.accounts.newUser("late"), code), 410, "invite_link_expired");
		this.rooms.get(this.owner, "/api/rooms/" + this.roomId + "/invite-links")
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(0);
	}

	@Test
	void joinWhenUsedUpThenExpired() {
		String code = codeOf(createLink(this.owner, Map.of("maxUses", 1)));
		join(this.accounts.newUser("first"), code).expectStatus().isOk();
		expectCode(join(this.accounts.newUser("second"), code), 410, "invite_link_expired");
	}

	@Test
	void joinWhenPastExpiryThenExpired() {
		Map<String, Object> link = RoomsApi
			.body(createLink(this.owner, Map.of("expiresInSeconds", 1)).expectStatus().isCreated());
		Instant expiresAt = Instant.parse((String) link.get("expiresAt"));
		AppSession late = this.accounts.newUser("late");
		// joining while the link still works would make "late" a member, so wait for the
		// clock
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(expiresAt));
		expectCode(join(late, (String) link.get("code")), 410, "invite_link_expired");
		expectCode(this.rooms.get(late, "/api/rooms/" + this.roomId), 404, "room_not_found");
	}

	@Test
	void joinWhenCodeUnknownThenInviteLinkNotFound() {
		expectCode(join(this.owner, "no-such-code"), 404, "invite_link_not_found");
	}

	@Test
	void listWhenCursorHoldsControlCharactersOrIsNotUtf8ThenValidationFailed() {
		String links = "/api/rooms/" + this.roomId + "/invite-links?cursor=";
		byte[] stamp = Instant.now().toString().getBytes(StandardCharsets.UTF_8);
		for (byte[] tail : List.of(new byte[] { '|', 0 }, new byte[] { '|', 'a', 1 }, new byte[] { '|', (byte) 0xff },
				new byte[] { '|', (byte) 0xed, (byte) 0xa0, (byte) 0x80 })) {
			byte[] cursor = Arrays.copyOf(stamp, stamp.length + tail.length);
			System.arraycopy(tail, 0, cursor, stamp.length, tail.length);
			String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(cursor);
			expectCode(this.rooms.get(this.owner, links + encoded), 400, "validation_failed");
		}
	}

	@Test
	void joinConcurrentlyNeverExceedsMaxUses() {
		String code = codeOf(createLink(this.owner, Map.of("maxUses", 2)));
		List<AppSession> guests = List.of(this.accounts.newUser("g"), this.accounts.newUser("g"),
				this.accounts.newUser("g"), this.accounts.newUser("g"), this.accounts.newUser("g"));
		List<Integer> statuses = guests.stream()
			.map((guest) -> CompletableFuture
				.supplyAsync(() -> join(guest, code).returnResult(Void.class).getStatus().value()))
			.toList()
			.stream()
			.map(CompletableFuture::join)
			.toList();
		assertThat(statuses).containsOnly(200, 410).filteredOn((status) -> status == 200).hasSize(2);
		this.rooms.get(this.owner, "/api/rooms/" + this.roomId).expectBody().jsonPath("$.memberCount").isEqualTo(3);
	}

	private WebTestClient.ResponseSpec createLink(AppSession as, Map<String, ?> body) {
		return this.rooms.send(as, HttpMethod.POST, "/api/rooms/" + this.roomId + "/invite-links", body);
	}

	private WebTestClient.ResponseSpec join(AppSession as, String code) {
		return this.rooms.call(as, HttpMethod.POST, "/api/invite-links/" + code + "/join");
	}

	private static String codeOf(WebTestClient.ResponseSpec response) {
		return (String) RoomsApi.body(response.expectStatus().isCreated()).get("code");
	}

}
