/**
 * Users: the public profile, the private self view and their storage.
 */
@NullMarked
package io.parley.user;

import org.jspecify.annotations.NullMarked;
