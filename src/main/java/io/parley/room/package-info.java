/**
 * Rooms: group and direct rooms, memberships and roles, invite links, and the rules of
 * who may see and act in a room.
 */
@NullMarked
package io.parley.room;

import org.jspecify.annotations.NullMarked;
