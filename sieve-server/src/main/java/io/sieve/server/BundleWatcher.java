package io.sieve.server;

import io.micrometer.core.instrument.Counter;
import io.sieve.bundle.BundleRefusedException;
import io.sieve.bundle.BundleStore;
import io.sieve.bundle.ModelBundle;
import io.sieve.experiment.Canary;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Swaps in a newly published bundle: polls the CURRENT pointer and loads a new version on its own
 * thread, never on a request's. A bundle that is refused (a file missing or damaged, see
 * {@link BundleStore#load}) is logged and counted, the served bundle stays, and the holder reports
 * the refusal until another bundle is published.
 */
final class BundleWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BundleWatcher.class);

    /**
     * @param served  the version served after the check
     * @param swapped whether the check swapped in a new bundle
     * @param refusal why the published version was refused, or null
     */
    record Outcome(String served, boolean swapped, String refusal) {
    }

    private final BundleStore bundles;
    private final ModelHolder holder;
    private final Counter refused;
    private final CanaryRollout rollout;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sieve-bundle-watcher").daemon().factory());

    /**
     * @param refused counts refused bundles, for the metrics
     * @param rollout puts a new bundle on trial instead of swapping it in, when canaries are on
     */
    BundleWatcher(BundleStore bundles, ModelHolder holder, Counter refused, CanaryRollout rollout) {
        this.bundles = bundles;
        this.holder = holder;
        this.refused = refused;
        this.rollout = rollout;
    }

    /**
     * What a server starts with: the published bundle; if it is refused, the newest intact one;
     * failing that (or with nothing published), what {@code fromStore} computes.
     */
    static ModelHolder starting(BundleStore bundles, java.util.function.Supplier<ModelBundle> fromStore,
                                java.util.function.BooleanSupplier catalogEmpty, Counter refused) {
        Optional<String> published = bundles.currentVersion();
        if (published.isEmpty()) {
            LOG.info("no model bundle published yet; computing popularity from the store");
            return new ModelHolder(fromStore.get(), true, catalogEmpty);
        }
        try {
            return new ModelHolder(bundles.load(published.get()), bundles.hasChecksums(published.get()), catalogEmpty);
        } catch (BundleRefusedException e) {
            refused.increment();
            Optional<ModelBundle> intact = bundles.newestIntact(published.get());
            LOG.warn("{}; serving {}", e.getMessage(),
                    intact.map(b -> "bundle " + b.version() + ", the newest intact one").orElse("popularity computed from the store"));
            ModelBundle bundle = intact.orElseGet(fromStore);
            ModelHolder holder = new ModelHolder(bundle, intact.map(b -> bundles.hasChecksums(b.version())).orElse(true), catalogEmpty);
            holder.refuse(new ModelHolder.Refusal(published.get(), e.getMessage()));
            return holder;
        }
    }

    void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Loads the published version if it is not the one served (or puts it on trial, with canaries
     * on); judges a canary on trial; retries a version refused before.
     */
    synchronized Outcome check() {
        return check(true);
    }

    /** @param force judge a canary now, however recently it was judged (a reload asked for by hand) */
    private synchronized Outcome check(boolean force) {
        String served = holder.current().version();
        Optional<String> published = bundles.currentVersion();
        Canary trial = rollout.active();
        if (trial != null) {
            if (published.isPresent() && published.get().equals(trial.version())) {
                rollout.judge(force);
                String now = holder.current().version();
                return new Outcome(now, !now.equals(served), null);
            }
            rollout.abandon(published.map(v -> v.equals(served) ? "CURRENT was pointed back at " + v + " by hand"
                    : "bundle " + v + " was published during the canary").orElse("CURRENT was removed"));
        }
        if (published.isEmpty() || published.get().equals(served)) {
            holder.publishedIsServed();
            return new Outcome(served, false, null);
        }
        String version = published.get();
        try {
            long t0 = System.nanoTime();
            ModelBundle bundle = bundles.load(version);
            if (rollout.enabled()) {
                rollout.start(bundle);
                return new Outcome(served, false, null);
            }
            holder.swap(bundle, bundles.hasChecksums(version));
            LOG.info("now serving model bundle {} (was {}; loaded in {} ms)", version, served, (System.nanoTime() - t0) / 1_000_000);
            return new Outcome(version, true, null);
        } catch (BundleRefusedException e) {
            refused.increment();
            holder.refuse(new ModelHolder.Refusal(version, e.getMessage()));
            LOG.warn("{}; still serving {}", e.getMessage(), served, e.getCause());
            return new Outcome(served, false, e.getMessage());
        }
    }

    /** A version refused before is not retried by polling (each try would log the same error); a canary is judged. */
    private synchronized void poll() {
        try {
            Optional<String> refusedVersion = holder.refusal().map(ModelHolder.Refusal::version);
            if (!bundles.currentVersion().equals(refusedVersion)) {
                check(false);
            }
        } catch (RuntimeException e) {
            // An exception would cancel the periodic task; log it and keep polling.
            LOG.warn("could not check for a new model bundle", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
