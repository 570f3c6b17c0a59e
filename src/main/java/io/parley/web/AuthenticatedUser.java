package io.parley.web;

/**
 * Who is calling: the user, the login session their token belongs to, and how the
 * credential arrived (cookie-borne credentials need CSRF protection, bearer ones do not).
 */
public record AuthenticatedUser(long userId, long sessionId, Credential credential) {

	/** Where the access token of a request came from. */
	public enum Credential {

		BEARER, COOKIE, QUERY

	}

}
