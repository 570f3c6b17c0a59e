/**
 * Outgoing mail: SMTP when configured, else written to the log.
 */
@NullMarked
package io.parley.mail;

import org.jspecify.annotations.NullMarked;
