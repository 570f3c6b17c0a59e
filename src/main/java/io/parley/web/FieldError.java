package io.parley.web;

/**
 * One problem with one field of a request, as listed in a {@code validation_failed}
 * response.
 */
public record FieldError(String field, String message) {
}
