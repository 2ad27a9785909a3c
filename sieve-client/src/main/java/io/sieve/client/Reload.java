package io.sieve.client;

/**
 * The answer to {@code POST /v1/admin/reload}.
 *
 * @param version the model version served after the check
 * @param swapped whether a newly published bundle was swapped in
 */
public record Reload(String version, boolean swapped) {
}
