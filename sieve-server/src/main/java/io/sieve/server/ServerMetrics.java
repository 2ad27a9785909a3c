package io.sieve.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sieve.pipeline.Recommendations;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What {@code GET /metrics} exposes in Prometheus format: per-route request counts and latency
 * histograms (so p50/p99 can be computed over any window), the age of the served model, whether
 * the service is degraded and why ({@code sieve_model_degraded{reason=...}}, see
 * {@link ModelHolder#degradations}), how many published bundles were refused, and how often each
 * retrieval source missed its deadline or failed.
 */
final class ServerMetrics {
    private static final String START = "sieve.metrics.start";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private final Clock clock;
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

    /** @param sources the retrieval sources, whose counters start at zero so that rates exist before the first failure */
    ServerMetrics(Clock clock, List<String> sources) {
        this.clock = clock;
        for (String source : sources) {
            timeouts(source);
            failures(source);
        }
        for (String stage : List.of("rank", "rerank", "filter")) {
            fallbacks(stage);
        }
        droppedImpressions();
        refusedBundles();
    }

    /** The served model's age and degradations, from the holder the server serves from. */
    void watch(ModelHolder holder) {
        Gauge.builder("sieve.model.age", holder,
                        h -> Duration.between(h.current().manifest().createdAt(), clock.instant()).toMillis() / 1000.0)
                .baseUnit("seconds")
                .description("Time since the served model bundle was trained")
                .register(registry);
        for (String kind : ModelHolder.KINDS) {
            Gauge.builder("sieve.model.degraded", holder,
                            h -> h.degradations().stream().anyMatch(d -> d.kind().equals(kind)) ? 1 : 0)
                    .tag("reason", kind)
                    .description("1 while the service is degraded for this reason (GET /readyz says how)")
                    .register(registry);
        }
    }

    /** Published bundles that were refused (a file missing, truncated or damaged) and not served. */
    Counter refusedBundles() {
        return Counter.builder("sieve.model.bundles.refused")
                .description("Published model bundles refused because a file was missing or damaged").register(registry);
    }

    void install(Javalin app) {
        app.before(ctx -> ctx.attribute(START, System.nanoTime()));
        app.after(this::recordRequest);
    }

    /**
     * Counts the sources the pipeline had to skip and the stages that fell back (a ranker past its
     * deadline, say); the pipeline reports them only in its debug section.
     */
    void record(Recommendations.Debug debug) {
        debug.timedOut().forEach(source -> timeouts(source).increment());
        debug.failed().forEach(source -> failures(source).increment());
        debug.fallbacks().forEach(f -> fallbacks(f.substring(0, Math.max(0, f.indexOf(':')))).increment());
        rankedBy(debug.rankedBy()).increment();
        debug.timingsMs().forEach((stage, ms) -> stage(stage).record(Math.round(ms * 1_000_000), TimeUnit.NANOSECONDS));
    }

    /** Time per request in one pipeline stage (context, retrieve, filter, rank, rerank) and in all of them (total). */
    private Timer stage(String stage) {
        return Timer.builder("sieve.pipeline.stage").tag("stage", stage)
                .description("Time per recommendation request spent in a pipeline stage")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    /**
     * Requests by the ranker that ordered them and why: {@code learned/served}, or the blend because
     * it is configured, training withheld the ranker (it did not beat the blend), the ranker failed
     * or was late (fallback), or the bundle has no usable ranker.
     */
    MeterRegistry registry() {
        return registry;
    }

    /** Counts a served list as an exposure to each variant it carries (none for QA overrides). */
    void exposed(Map<String, String> variants) {
        if (variants != null) {
            variants.forEach((experiment, variant) -> Counter.builder("sieve.experiment.exposures")
                    .tag("experiment", experiment).tag("variant", variant)
                    .description("Served lists that exposed a user to an experiment variant").register(registry).increment());
        }
    }

    private Counter rankedBy(String rankedBy) {
        String by = rankedBy == null ? "" : rankedBy;
        String[] tags = by.startsWith("learned") ? new String[] {"learned", "served"}
                : by.equals("blend") ? new String[] {"blend", "configured"}
                : by.startsWith("blend (ranker withheld") ? new String[] {"blend", "withheld"}
                : by.equals("blend (fallback)") ? new String[] {"blend", "fallback"}
                : new String[] {"blend", "no_model"};
        return Counter.builder("sieve.ranker.requests").tag("ranker", tags[0]).tag("cause", tags[1])
                .description("Recommendation requests by the ranker that ordered them, and why").register(registry);
    }

    /** Impressions that could not be logged (queue full or store error), lost to training. */
    Counter droppedImpressions() {
        return Counter.builder("sieve.impressions.dropped")
                .description("Served slates that could not be logged for training").register(registry);
    }

    /** Runs before each scrape: for meters whose set changes with the served model (a drift gauge per feature). */
    void beforeScrape(Runnable task) {
        beforeScrape.add(task);
    }

    String scrape() {
        beforeScrape.forEach(Runnable::run);
        return registry.scrape();
    }

    private void recordRequest(Context ctx) {
        Long start = ctx.attribute(START);
        if (start == null) {
            return;
        }
        Timer.builder("http.server.requests")
                .description("HTTP requests by route template, method and status")
                .tag("method", ctx.method().name())
                .tag("route", route(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /** The route template, never the raw path: raw paths hold ids and would make one series per user. */
    private static String route(Context ctx) {
        String path = ctx.endpointHandlerPath();
        return path.startsWith("/") ? path : "unmatched";
    }

    private Counter timeouts(String source) {
        return Counter.builder("sieve.retrieval.source.timeouts").tag("source", source)
                .description("Retrieval sources skipped for missing the deadline").register(registry);
    }

    private Counter fallbacks(String stage) {
        return Counter.builder("sieve.pipeline.fallbacks").tag("stage", stage)
                .description("Requests where a stage failed or missed its deadline and its fallback answered").register(registry);
    }

    private Counter failures(String source) {
        return Counter.builder("sieve.retrieval.source.failures").tag("source", source)
                .description("Retrieval sources skipped because they threw").register(registry);
    }
}
