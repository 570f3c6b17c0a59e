package io.parley.message;

/**
 * A message's content changed.
 */
public record MessageEdited(Message message) {
}
