/**
 * HTTP plumbing shared by every feature: problem details, request bodies, validation,
 * client addresses and rate limits.
 */
@NullMarked
package io.parley.web;

import org.jspecify.annotations.NullMarked;
