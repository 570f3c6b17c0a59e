package io.parley.message;

/**
 * A message was stored (and acknowledged to its sender).
 *
 * @param origin the connection it came from (so that connection gets an ACK instead of
 * the message), or 0 for a REST send
 */
public record MessagePosted(Message message, long origin) {
}
