package io.sieve.client;

/**
 * One reason the server refused a request: the field it concerns ({@code n}, {@code type},
 * {@code events[3].type}, {@code body}) and why.
 */
public record FieldError(String field, String reason) {
}
