package io.sieve.client;

import java.util.List;

/**
 * What {@code /readyz} says. {@link SieveClient#ready()} never throws for "not ready": a 503 comes
 * back as {@code status} {@value #NOT_READY} with the server's reason as the one entry of
 * {@code degraded} (kind {@value #NOT_READY}), so a probe reads one shape.
 *
 * @param status       {@code ready}, {@code degraded} (answering, but not as configured) or {@value #NOT_READY}
 * @param modelVersion the bundle served; null when not ready
 * @param degraded     each reason when not {@code ready}; empty otherwise
 */
public record Readiness(String status, String modelVersion, List<Degradation> degraded) {
    public static final String NOT_READY = "not-ready";

    public Readiness {
        degraded = degraded == null ? List.of() : List.copyOf(degraded);
    }

    /**
     * @param kind bundle-refused, unverified-bundle, no-events, online-state (README "Operations"),
     *             or {@value Readiness#NOT_READY}
     */
    public record Degradation(String kind, String detail) {
    }

    /** Whether the server answers requests at all, degraded or not: what a load balancer needs. */
    public boolean serving() {
        return !NOT_READY.equals(status);
    }

    static Readiness notReady(String reason) {
        return new Readiness(NOT_READY, null, List.of(new Degradation(NOT_READY, reason)));
    }
}
