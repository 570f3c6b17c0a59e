package io.parley.auth;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import io.parley.web.AuthenticatedUser;

/**
 * Spring Security's view of a caller whose access token checked out.
 */
final class ParleyAuthentication extends AbstractAuthenticationToken {

	private final AuthenticatedUser user;

	ParleyAuthentication(AuthenticatedUser user) {
		super(List.of(new SimpleGrantedAuthority("ROLE_USER")));
		this.user = user;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public AuthenticatedUser getPrincipal() {
		return this.user;
	}

	@Override
	public String getName() {
		return Long.toString(this.user.userId());
	}

}
