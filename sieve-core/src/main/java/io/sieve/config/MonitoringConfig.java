package io.sieve.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/**
 * What the server watches besides its own requests: how fresh the data behind its answers is,
 * and whether what the learned ranker sees at serving has drifted from what it was trained on.
 * Production failures are mostly the data pipeline's, and neither shows in latency or errors.
 */
public record MonitoringConfig(@NotNull @Valid Freshness freshness, @NotNull @Valid Drift drift) {

    /**
     * Past these ages a signal is stale: its gauge {@code sieve_freshness_stale} reads 1 and
     * {@code GET /v1/admin/health} names it (ISO-8601 durations).
     *
     * @param eventsMaxAge   since this server last accepted an event (API, onboarding or Kafka)
     * @param countersMaxAge since the feature store's item counters last applied one
     * @param bundleMaxAge   since the served bundle was trained
     */
    public record Freshness(@NotNull Duration eventsMaxAge, @NotNull Duration countersMaxAge, @NotNull Duration bundleMaxAge) {
    }

    /**
     * The population stability index of each ranker feature and of its score, between the rows the
     * learned ranker scores while serving and those it was trained on.
     *
     * @param psiThreshold past this a feature counts as drifted (0.1 is a small shift, 0.25 a large one)
     * @param windowRequests the counted requests whose rows are compared: the most recent this many,
     *                     in four steps; in requests, since user and context features take one value
     *                     per request, and their deciles need hundreds of users
     * @param minRequests  with fewer counted requests in the window nothing is compared (noise)
     * @param referenceUsers training profiles the rows the served pipeline gives the ranker for this
     *                     many users (a seeded sample), at training's moment
     * @param sampleEvery  one ranked request in this many is counted: a request's rows cost about
     *                     0.6 µs a candidate to bin (RankerBenchmark), and drift needs a sample, not all
     * @param ignore       features compared but never counted as drifted: by default the hour and
     *                     weekday of the request, which a window of minutes cannot spread as
     *                     training's requests spread over weeks, and the surface and device, which the
     *                     reference's requests do not carry and serving's carry as the client decides
     */
    public record Drift(@Positive double psiThreshold, @Positive int windowRequests, @Positive int minRequests,
                        @Positive @Max(2_000) int referenceUsers, @Positive int sampleEvery,
                        @NotNull java.util.List<@NotNull String> ignore) {
    }
}
