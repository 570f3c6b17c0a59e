/**
 * How statements reach PostgreSQL: a cancelled caller never leaves a connection with an
 * unread answer.
 */
@NullMarked
package io.parley.database;

import org.jspecify.annotations.NullMarked;
