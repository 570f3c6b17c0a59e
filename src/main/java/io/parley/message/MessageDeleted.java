package io.parley.message;

/**
 * A message was deleted (it keeps its id and seq).
 */
public record MessageDeleted(long roomId, long messageId, long seq) {
}
