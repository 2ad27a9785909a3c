package io.sieve.store;

/** A store URL that names no store: a malformed URL, an unknown scheme, or a location its provider cannot read. */
public class InvalidStoreUrlException extends IllegalArgumentException {
    public InvalidStoreUrlException(String message) {
        super(message);
    }
}
