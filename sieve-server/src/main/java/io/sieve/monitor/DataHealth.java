package io.sieve.monitor;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sieve.bundle.ModelBundle;
import io.sieve.config.MonitoringConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.rank.FeatureDrift;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Whether the data behind the answers is fresh and the ranker's inputs still look like its
 * training: what {@code GET /v1/admin/health} returns, what the console's data health page shows,
 * and the Prometheus gauges behind the alerts in {@code docs/monitoring/alerts.yml}.
 */
public final class DataHealth {
    private final MonitoringConfig config;
    private final Clock clock;
    private final EventFreshness events;
    private final ItemStatistics statistics;
    private final Supplier<ModelBundle> served;
    private final FeatureDrift drift;
    private final MeterRegistry registry;
    private final Set<String> featureGauges = new HashSet<>();

    /** Registers its gauges in {@code registry}. */
    public DataHealth(MonitoringConfig config, Clock clock, EventFreshness events, ItemStatistics statistics,
                      Supplier<ModelBundle> served, FeatureDrift drift, MeterRegistry registry) {
        this.registry = registry;
        this.config = config;
        this.clock = clock;
        this.events = events;
        this.statistics = statistics;
        this.served = served;
        this.drift = drift;
        register();
    }

    /** One freshness signal: how old, against its threshold. */
    public record Signal(String signal, double ageSeconds, double thresholdSeconds, boolean stale) {
    }

    /** @param status {@code ok}, or {@code alert} when a signal is stale or a feature has drifted */
    public record Report(String status, List<String> alerts, List<Signal> freshness, FeatureDrift.Report drift) {
    }

    public Report report() {
        List<Signal> freshness = freshness();
        FeatureDrift.Report d = drift();
        List<String> alerts = new ArrayList<>();
        for (Signal s : freshness) {
            if (s.stale()) {
                alerts.add(String.format(Locale.ROOT, "%s: %s for %.0f s (threshold %.0f s)", s.signal(), switch (s.signal()) {
                    case "events" -> "no event accepted";
                    case "counters" -> "the item counters have applied no event";
                    default -> "the served bundle has not been retrained";
                }, s.ageSeconds(), s.thresholdSeconds()));
            }
        }
        if (d.measured()) {
            d.features().stream().filter(FeatureDrift.FeaturePsi::drifted).forEach(f -> alerts.add(String.format(Locale.ROOT,
                    "drift: feature %s has PSI %.3f (threshold %.2f)", f.feature(), f.psi(), d.threshold())));
            if (d.score().drifted()) {
                alerts.add(String.format(Locale.ROOT, "drift: the ranker's score has PSI %.3f (threshold %.2f)",
                        d.score().psi(), d.threshold()));
            }
        }
        return new Report(alerts.isEmpty() ? "ok" : "alert", alerts, freshness, d);
    }

    public FeatureDrift.Report drift() {
        return drift.report(served.get());
    }

    public List<Signal> freshness() {
        var f = config.freshness();
        return List.of(signal("events", events.acceptedAt(), f.eventsMaxAge()),
                signal("counters", statistics.appliedAt(), f.countersMaxAge()),
                signal("bundle", served.get().manifest().createdAt(), f.bundleMaxAge()));
    }

    private Signal signal(String name, Instant since, Duration threshold) {
        double age = Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0);
        double limit = threshold.toMillis() / 1000.0;
        return new Signal(name, age, limit, age > limit);
    }

    /**
     * {@code sieve_freshness_*{signal}} and {@code sieve_drift_*}; a feature's PSI gauge appears
     * once a model with that feature has been measured, since the feature list comes with the model.
     */
    private void register() {
        for (String signal : List.of("events", "counters", "bundle")) {
            Gauge.builder("sieve.freshness.age", this, h -> find(h.freshness(), signal).ageSeconds()).tag("signal", signal)
                    .baseUnit("seconds").description("Age of a data signal: events accepted, counters applied, bundle trained")
                    .register(registry);
            Gauge.builder("sieve.freshness.threshold", this, h -> find(h.freshness(), signal).thresholdSeconds())
                    .tag("signal", signal).baseUnit("seconds").description("Age past which the signal is stale")
                    .register(registry);
            Gauge.builder("sieve.freshness.stale", this, h -> find(h.freshness(), signal).stale() ? 1 : 0).tag("signal", signal)
                    .description("1 while the signal is older than its threshold").register(registry);
        }
        Gauge.builder("sieve.drift.threshold", config.drift(), MonitoringConfig.Drift::psiThreshold)
                .description("PSI past which a ranker feature counts as drifted").register(registry);
        Gauge.builder("sieve.drift.window.requests", this, h -> h.drift().requests())
                .description("Counted requests in the drift window of the served model").register(registry);
        Gauge.builder("sieve.drift.features.over.threshold", this, h -> h.drift().drifted())
                .description("Ranker features whose PSI, serving against training, is past the threshold").register(registry);
        Gauge.builder("sieve.drift.score.psi", this, h -> {
            FeatureDrift.Report d = h.drift();
            return d.measured() ? d.score().psi() : Double.NaN;
        }).description("PSI of the ranker's score, serving against training").register(registry);
    }

    /** Registers the PSI gauge of each feature of the served model not yet seen; called before each scrape. */
    public synchronized void registerFeatures() {
        for (String feature : served.get().ranker().reference().features()) {
            if (featureGauges.add(feature)) {
                Gauge.builder("sieve.drift.psi", this, h -> h.drift().features().stream()
                                .filter(f -> f.feature().equals(feature)).mapToDouble(FeatureDrift.FeaturePsi::psi)
                                .findFirst().orElse(Double.NaN))
                        .tag("feature", feature).description("PSI of a ranker feature, serving against training")
                        .register(registry);
            }
        }
    }

    private static Signal find(List<Signal> signals, String name) {
        return signals.stream().filter(s -> s.signal().equals(name)).findFirst().orElseThrow();
    }
}
