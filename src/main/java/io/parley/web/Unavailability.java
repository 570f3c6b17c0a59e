package io.parley.web;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Tells an outage (the database cannot be reached, or no connection to it is free in
 * time) from a fault: an outage is answered 503 {@code unavailable} with
 * {@code Retry-After}, not 500.
 */
public final class Unavailability {

	private Unavailability() {
	}

	/** The 503 for an outage anywhere in the cause chain; null for anything else. */
	public static @Nullable ParleyException of(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessResourceException
					|| cause instanceof R2dbcNonTransientResourceException
					|| cause instanceof R2dbcTransientResourceException) {
				return CommonErrors.unavailable();
			}
		}
		return null;
	}

}
