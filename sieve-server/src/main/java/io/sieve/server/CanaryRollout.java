package io.sieve.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sieve.bundle.BundleStore;
import io.sieve.bundle.ModelBundle;
import io.sieve.config.RolloutConfig;
import io.sieve.experiment.Canary;
import io.sieve.experiment.CanaryJudge;
import io.sieve.experiment.ExperimentAnalysis;
import io.sieve.experiment.ExperimentResults;
import io.sieve.store.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The canary of a newly published bundle (README "Canary rollouts"): started by the
 * {@link BundleWatcher} instead of a swap, served to {@code rollout.canary.fraction} of users,
 * judged by the polls ({@code checkSeconds} apart) by {@link CanaryJudge} from the logged exposures, and ended by a promotion
 * (the candidate becomes the served bundle), a rollback (CURRENT points at the stable version
 * again, so neither this server after a restart nor another replica picks the candidate up), or an
 * operator. Every decision is logged, kept for {@code /v1/experiments}, counted in the metrics and
 * appended to {@code bundles/rollouts.jsonl}.
 */
final class CanaryRollout {
    private static final Logger LOG = LoggerFactory.getLogger(CanaryRollout.class);
    static final String LOG_FILE = "rollouts.jsonl";

    /** One ended or started canary, as {@code /v1/experiments} lists it. */
    record Decision(Instant at, String version, String stable, String decision, String reason, String by) {
    }

    private final RolloutConfig.Canary settings;
    private final BundleStore bundles;
    private final ModelHolder holder;
    private final ExperimentAnalysis analysis;
    private final Clock clock;
    private final MeterRegistry registry;
    private final AtomicReference<Canary> active = new AtomicReference<>();
    private volatile Instant startedAt;
    private volatile Instant lastJudged;
    private final List<Decision> decisions = new CopyOnWriteArrayList<>();

    CanaryRollout(RolloutConfig.Canary settings, BundleStore bundles, ModelHolder holder, ExperimentAnalysis analysis, Clock clock,
                  MeterRegistry registry) {
        this.settings = settings;
        this.bundles = bundles;
        this.holder = holder;
        this.analysis = analysis;
        this.clock = clock;
        this.registry = registry;
        registry.gauge("sieve.rollout.canary.active", active, a -> a.get() == null ? 0 : 1);
    }

    boolean enabled() {
        return settings.enabled();
    }

    /** The bundle on trial, or null. */
    Canary active() {
        return active.get();
    }

    void start(ModelBundle candidate) {
        Canary canary = new Canary(candidate.version(), holder.current().version(), candidate, settings);
        startedAt = clock.instant();
        lastJudged = null;
        active.set(canary);
        record(canary, "started", "serving " + settings.fraction() + " of users beside " + canary.stableVersion(), "rollout");
    }

    /**
     * Judges the canary on its results so far, and acts on the verdict; unless forced, at most once
     * in {@code rollout.canary.checkSeconds}, since the results are computed from the whole log.
     */
    void judge(boolean force) {
        Canary canary = active.get();
        Instant now = clock.instant();
        if (!force && lastJudged != null && Duration.between(lastJudged, now).getSeconds() < settings.checkSeconds()) {
            return;
        }
        lastJudged = now;
        ExperimentResults results = analysis.results(canary.experiment(), canary.asExperiment(), analysis.settings());
        CanaryJudge.Verdict verdict = CanaryJudge.judge(results, settings, Duration.between(startedAt, clock.instant()));
        switch (verdict.decision()) {
            case promote -> promote(verdict.reason(), "rollout");
            case rollback -> rollback(verdict.reason(), "rollout");
            case wait -> LOG.debug("canary {}: {}", canary.version(), verdict.reason());
        }
    }

    /** Makes the candidate the served bundle. */
    void promote(String reason, String by) {
        Canary canary = active.getAndSet(null);
        holder.swap(canary.candidate(), bundles.hasChecksums(canary.version()));
        record(canary, "promoted", reason, by);
    }

    /** Serves the stable bundle to everyone again, and points CURRENT back at it when it was published. */
    void rollback(String reason, String by) {
        Canary canary = active.getAndSet(null);
        if (bundles.currentVersion().filter(canary.version()::equals).isPresent()) {
            if (Files.isDirectory(bundles.root().resolve(canary.stableVersion()))) {
                bundles.point(canary.stableVersion());
            } else {
                // The stable bundle was computed at start, never published: nothing to point back at,
                // so the candidate is marked refused and the watcher does not try it again.
                holder.refuse(new ModelHolder.Refusal(canary.version(), "rolled back: " + reason));
            }
        }
        record(canary, "rolled back", reason, by);
    }

    /** Ends the canary without acting: another version was published, or CURRENT was moved by hand. */
    void abandon(String reason) {
        Canary canary = active.getAndSet(null);
        record(canary, "abandoned", reason, "rollout");
    }

    /** The canary now and every decision since start, for {@code /v1/experiments}. */
    Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        Canary canary = active.get();
        if (canary != null) {
            Map<String, Object> now = new LinkedHashMap<>();
            now.put("version", canary.version());
            now.put("stable", canary.stableVersion());
            now.put("fraction", settings.fraction());
            now.put("startedAt", startedAt);
            now.put("experiment", canary.experiment());
            now.put("results", "/v1/experiments/" + canary.experiment() + "/results");
            out.put("canary", now);
        }
        out.put("decisions", new ArrayList<>(decisions));
        return out;
    }

    private void record(Canary canary, String decision, String reason, String by) {
        Decision d = new Decision(clock.instant(), canary.version(), canary.stableVersion(), decision, reason, by);
        decisions.add(d);
        Counter.builder("sieve.rollout.decisions").tag("decision", decision)
                .description("Canary rollouts started, promoted, rolled back or abandoned").register(registry).increment();
        LOG.info("canary {} (stable {}): {} by {}: {}", canary.version(), canary.stableVersion(), decision, by, reason);
        Path file = bundles.root().resolve(LOG_FILE);
        try {
            Files.createDirectories(bundles.root());
            Files.writeString(file, Json.MAPPER.writeValueAsString(d) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("could not append the rollout decision to {}", file, e);
        }
    }
}
