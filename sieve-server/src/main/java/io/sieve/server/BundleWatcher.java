package io.sieve.server;

import io.sieve.bundle.BundleStore;
import io.sieve.bundle.ModelBundle;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Swaps in a newly published bundle: polls the CURRENT pointer and loads a new version on its own
 * thread, never on a request's. A bundle that fails to load is logged and the old one keeps serving.
 */
final class BundleWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BundleWatcher.class);

    /**
     * @param served  the version served after the check
     * @param swapped whether the check swapped in a new bundle
     * @param failure why the published version could not be loaded, or null
     */
    record Outcome(String served, boolean swapped, String failure) {
    }

    private final BundleStore bundles;
    private final ModelHolder holder;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sieve-bundle-watcher").daemon().factory());
    /** A version that failed to load is not retried by polling (each try would log the same error). */
    private String failedVersion;

    BundleWatcher(BundleStore bundles, ModelHolder holder) {
        this.bundles = bundles;
        this.holder = holder;
    }

    void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Loads the published version if it is not the one served; retries a version that failed before. */
    synchronized Outcome check() {
        String served = holder.current().version();
        Optional<String> published = bundles.currentVersion();
        if (published.isEmpty() || published.get().equals(served)) {
            return new Outcome(served, false, null);
        }
        String version = published.get();
        try {
            long t0 = System.nanoTime();
            ModelBundle bundle = bundles.load(version);
            holder.swap(bundle);
            failedVersion = null;
            LOG.info("now serving model bundle {} (was {}; loaded in {} ms)", version, served, (System.nanoTime() - t0) / 1_000_000);
            return new Outcome(version, true, null);
        } catch (RuntimeException e) {
            failedVersion = version;
            LOG.warn("model bundle {} could not be loaded; still serving {}", version, served, e);
            return new Outcome(served, false, "bundle " + version + " could not be loaded: " + e.getMessage());
        }
    }

    private synchronized void poll() {
        try {
            if (!bundles.currentVersion().equals(Optional.ofNullable(failedVersion))) {
                check();
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
