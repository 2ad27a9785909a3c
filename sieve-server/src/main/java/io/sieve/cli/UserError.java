package io.sieve.cli;

/** A mistake in what the user asked for; printed without a stack trace. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
