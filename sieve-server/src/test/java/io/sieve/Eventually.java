package io.sieve;

import java.time.Duration;

/** Waits for what happens asynchronously (an update crossing between replicas, a consumer catching up). */
public final class Eventually {
    private Eventually() {
    }

    /** A condition that may need a network call to check. */
    public interface Check {
        boolean holds() throws Exception;
    }

    /** Checks every 50 ms until {@code check} holds; fails naming {@code what} after {@code within}. */
    public static void await(String what, Duration within, Check check) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + within.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
