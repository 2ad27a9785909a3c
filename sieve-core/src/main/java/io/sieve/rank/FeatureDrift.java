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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drift of what the learned ranker sees: the rows it scored in serving, counted into its training
 * rows' decile bins ({@link FeatureProfile}), over a sliding window of the latest
 * {@code windowRows} rows (four steps, so the window moves without keeping rows), and the
 * population stability index of each feature and of the score against training. Each model has
 * its own window (a canary or a pinned variant serves beside the current bundle), and the report
 * is of the served bundle's. Bundles without a training profile (trained before it was recorded)
 * and the blend are not measured.
 */
public final class FeatureDrift implements RankingObserver {
    private static final int STEPS = 4;
    /** Windows kept: the current bundle, a canary, pinned variants; older ones are dropped. */
    private static final int MODELS = 4;

    private final int stepRows;
    private final int minRows;
    private final double threshold;
    private final Set<String> ignored;
    private final Map<FeatureProfile, Window> windows = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FeatureProfile, Window> eldest) {
            return size() > MODELS;
        }
    };

    private final int sampleEvery;
    private final AtomicLong requests = new AtomicLong();

    /**
     * @param sampleEvery one request in this many is counted (the first, then every n-th)
     * @param ignored     features reported but never counted as drifted (monitoring.drift.ignore)
     */
    public FeatureDrift(int windowRows, int minRows, double threshold, int sampleEvery, Collection<String> ignored) {
        this.sampleEvery = sampleEvery;
        this.ignored = Set.copyOf(ignored);
        this.stepRows = Math.max(1, windowRows / STEPS);
        this.minRows = minRows;
        this.threshold = threshold;
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
     * @param measured whether there is anything to compare (a served ranker with a profile, enough rows)
     * @param reason   why not, when not measured
     * @param score    the score's index; null when not measured
     * @param features each feature's index, the largest first; empty when not measured
     */
    public record Report(String modelVersion, boolean measured, String reason, double threshold, long rows, int minRows, FeaturePsi score,
                         List<FeaturePsi> features) {
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
        // Counted straight into the window under the lock: a buffer of bins per request would be as much
        // garbage again as the feature rows, and the counting is short (0.6 µs a row, RankerBenchmark).
        synchronized (this) {
            windows.computeIfAbsent(reference, Window::new).add(rows, count, score, stepRows);
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
                    threshold, 0, minRows, null, List.of());
        }
        long rows = window.rows();
        if (rows < minRows) {
            return new Report(version, false, rows + " ranked rows since the model was loaded; " + minRows + " are needed to compare",
                    threshold, rows, minRows, null, List.of());
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
        return new Report(version, true, null, threshold, rows, minRows, score, features);
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
            if (stepRows[current] >= perStep) {
                current = (current + 1) % STEPS;
                steps[current] = new long[size];
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
            stepRows[current] += count;
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
