package io.sieve.rank;

import io.sieve.bundle.ModelBundle;
import io.sieve.bundle.rank.FeatureProfile;
import io.sieve.bundle.rank.RankerModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drift of what the learned ranker sees: the rows it scored in serving, counted into its training
 * rows' decile bins ({@link FeatureProfile}), over a sliding window of the latest
 * {@code windowRequests} counted requests (four steps, so the window moves without keeping rows),
 * and the population stability index of each feature and of the score against training. The
 * window is measured in requests, not rows: user and context features take one value per request,
 * so their deciles need hundreds of requests however many candidates each has. Each model has its
 * own window (a canary or a pinned variant serves beside the current bundle), and the report is of
 * the served bundle's. Bundles without a training profile (trained before it was recorded) and the
 * blend are not measured.
 */
public final class FeatureDrift implements RankingObserver {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureDrift.class);
    private static final int STEPS = 4;
    /** Windows kept, the least recently counted dropped first: the current bundle, a canary, pinned variants. */
    private static final int MODELS = 8;

    private final int stepRequests;
    private final int minRequests;
    private final double threshold;
    private final int sampleEvery;
    private final Set<String> ignored;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private final Map<FeatureProfile, Window> windows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FeatureProfile, Window> eldest) {
            return size() > MODELS;
        }
    };

    /**
     * @param sampleEvery one request in this many is counted (the first, then every n-th)
     * @param ignored     features reported but never counted as drifted (monitoring.drift.ignore)
     */
    public FeatureDrift(int windowRequests, int minRequests, double threshold, int sampleEvery, Collection<String> ignored) {
        this.stepRequests = Math.max(1, windowRequests / STEPS);
        this.minRequests = minRequests;
        this.threshold = threshold;
        this.sampleEvery = sampleEvery;
        this.ignored = Set.copyOf(ignored);
    }

    /**
     * One feature's index against training.
     *
     * @param used    whether the model splits on the feature; one it never splits on cannot move the
     *                score, so its shift is reported but is not drift of the model's inputs
     * @param drifted past the threshold, used, and not ignored by configuration
     */
    public record FeaturePsi(String feature, double psi, boolean used, boolean drifted) {
    }

    /**
     * What the window shows now.
     *
     * @param modelVersion the served bundle, whose window this is
     * @param measured     whether there is anything to compare (a served ranker with a profile, enough requests)
     * @param reason       why not, when not measured
     * @param requests     counted requests in the window
     * @param rows         their ranked rows
     * @param score        the score's index; null when not measured
     * @param features     each feature's index, the largest first; empty when not measured
     */
    public record Report(String modelVersion, boolean measured, String reason, double threshold, long requests,
                         int minRequests, long rows, FeaturePsi score, List<FeaturePsi> features) {
        public long drifted() {
            return features.stream().filter(FeaturePsi::drifted).count();
        }
    }

    @Override
    public void scored(RankerModel model, float[] rows, int count, Map<String, double[]> scores) {
        FeatureProfile reference = model.reference();
        double[] score = scores.get(reference.scoreObjective());
        if (reference.isEmpty() || score == null || count == 0 || requests.getAndIncrement() % sampleEvery != 0) {
            return;
        }
        try {
            // Counted straight into the window under the lock: a buffer of bins per request would be as
            // much garbage again as the feature rows, and the counting is short (0.6 µs a row, RankerBenchmark).
            synchronized (this) {
                windows.computeIfAbsent(reference, Window::new).add(rows, count, score, stepRequests);
            }
        } catch (RuntimeException e) {
            // Watching must never cost the request its ranker.
            if (failureLogged.compareAndSet(false, true)) {
                LOG.warn("drift monitoring skipped: the bundle's ranker-reference.json does not fit its model", e);
            }
        }
    }

    /** @param bundle the served bundle, whose ranker's window is reported */
    public synchronized Report report(ModelBundle bundle) {
        RankerModel served = bundle.ranker();
        String version = bundle.version();
        Window window = windows.get(served.reference());
        if (window == null) {
            return new Report(version, false, "no request has been ranked by a learned ranker with a training profile since the "
                    + "server started (the blend is serving, or the bundle predates drift profiles: retrain)",
                    threshold, 0, minRequests, 0, null, List.of());
        }
        long counted = window.requests();
        if (counted < minRequests) {
            return new Report(version, false, counted + " ranked requests counted since the model was loaded; " + minRequests
                    + " are needed to compare", threshold, counted, minRequests, window.rows(), null, List.of());
        }
        long[] counts = window.total();
        FeatureProfile reference = window.reference;
        List<FeaturePsi> features = new ArrayList<>();
        for (int f = 0; f < reference.features().size(); f++) {
            String name = reference.features().get(f);
            features.add(psi(name, reference.bins().get(f), counts, window.offsets[f], served.usedFeatures().contains(name)));
        }
        features.sort(Comparator.comparingDouble(FeaturePsi::psi).reversed());
        FeaturePsi score = psi("score", reference.score(), counts, window.offsets[reference.features().size()], true);
        return new Report(version, true, null, threshold, counted, minRequests, window.rows(), score, features);
    }

    private FeaturePsi psi(String name, FeatureProfile.Bins bins, long[] counts, int offset, boolean used) {
        double psi = bins.psi(counts, offset);
        return new FeaturePsi(name, Math.round(psi * 1e4) / 1e4, used, used && !ignored.contains(name) && psi > threshold);
    }

    /** Bin counts per step; every column's bins side by side in one array per step. */
    private static final class Window {
        final FeatureProfile reference;
        final int[] offsets;
        final int size;
        final long[][] steps = new long[STEPS][];
        final long[] stepRequests = new long[STEPS];
        final long[] stepRows = new long[STEPS];
        int current;

        Window(FeatureProfile reference) {
            this.reference = reference;
            int columns = reference.features().size() + 1;
            offsets = new int[columns];
            int at = 0;
            for (int c = 0; c < columns; c++) {
                offsets[c] = at;
                at += c < reference.features().size() ? reference.bins().get(c).size() : reference.score().size();
            }
            size = at;
            steps[0] = new long[size];
        }

        void add(float[] rows, int count, double[] score, int perStep) {
            if (stepRequests[current] >= perStep) {
                current = (current + 1) % STEPS;
                steps[current] = new long[size];
                stepRequests[current] = 0;
                stepRows[current] = 0;
            }
            long[] step = steps[current];
            List<FeatureProfile.Bins> bins = reference.bins();
            int width = bins.size();
            for (int r = 0; r < count; r++) {
                for (int f = 0; f < width; f++) {
                    step[offsets[f] + bins.get(f).bin(rows[r * width + f])]++;
                }
                step[offsets[width] + reference.score().bin(score[r])]++;
            }
            stepRequests[current]++;
            stepRows[current] += count;
        }

        long requests() {
            long n = 0;
            for (long r : stepRequests) {
                n += r;
            }
            return n;
        }

        long rows() {
            long n = 0;
            for (long r : stepRows) {
                n += r;
            }
            return n;
        }

        long[] total() {
            long[] sum = new long[size];
            for (long[] step : steps) {
                if (step != null) {
                    for (int i = 0; i < size; i++) {
                        sum[i] += step[i];
                    }
                }
            }
            return sum;
        }
    }
}
