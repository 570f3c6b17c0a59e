/**
 * Accounts and sessions: registration, e-mail verification, login, tokens, cookies, CSRF
 * and the security filter chain.
 */
@NullMarked
package io.parley.auth;

import org.jspecify.annotations.NullMarked;
