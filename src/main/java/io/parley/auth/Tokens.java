package io.parley.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random secrets and the hashes they are stored as. Refresh tokens, WebSocket tokens,
 * CSRF tokens and verification codes never reach the database in the clear.
 */
final class Tokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Tokens() {
	}

	/** 256 random bits, URL-safe. */
	static String random() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Six random decimal digits, leading zeros kept. */
	static String sixDigits() {
		return String.format("%06d", RANDOM.nextInt(1_000_000));
	}

	static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

	/** Compares in time independent of where the inputs differ. */
	static boolean sameBytes(byte[] a, byte[] b) {
		return MessageDigest.isEqual(a, b);
	}

	static boolean sameText(String a, String b) {
		return sameBytes(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

}
