package io.parley.room;

import java.util.Locale;

/**
 * A member's role in a group room, strongest first.
 */
public enum Role {

	OWNER, ADMIN, MEMBER;

	/** The lower-case name used in JSON and SQL. */
	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Role fromWire(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

	public boolean atLeast(Role other) {
		return ordinal() <= other.ordinal();
	}

}
