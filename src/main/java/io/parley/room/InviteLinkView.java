package io.parley.room;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An invite link as its room's owners and admins see it.
 *
 * @param url the page a recipient opens: the public URL, {@code /join/} and the code
 * @param expiresAt null when the link never expires
 * @param maxUses null when the link may be used any number of times
 */
public record InviteLinkView(String code, String url, @Nullable Instant expiresAt, @Nullable Integer maxUses,
		int uses) {
}
