/**
 * Messages: sending (idempotent, numbered per room with no gaps), history, edits, deletes
 * and read markers.
 */
@NullMarked
package io.parley.message;

import org.jspecify.annotations.NullMarked;
