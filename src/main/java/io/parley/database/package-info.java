/**
 * How the application talks to PostgreSQL: a caller that cancels never leaves a
 * connection with an unread answer, a connection goes back to the pool only when it is
 * clean, and a transaction that has begun runs to its end.
 */
@NullMarked
package io.parley.database;

import org.jspecify.annotations.NullMarked;
