package io.sieve.bundle.rank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the learned ranker's training rows were distributed: per feature, and for one objective's
 * score, the decile edges of the training values and the share of rows in each bin. Serving
 * counts the rows it scores into the same bins, and the population stability index between the two
 * says how far what the ranker sees now has moved from what it learned on.
 *
 * @param features       the feature names, in the model's column order
 * @param bins           one per feature
 * @param scoreObjective the objective whose raw score {@code score} profiles
 */
public record FeatureProfile(List<String> features, List<Bins> bins, String scoreObjective, Bins score) {
    public static final FeatureProfile NONE = new FeatureProfile(List.of(), List.of(), "", Bins.EMPTY);

    /** Below this share a bin counts as this share: an empty bin on either side would make the index infinite. */
    private static final double FLOOR = 1e-4;
    private static final int QUANTILES = 10;

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return features.isEmpty();
    }

    /** Whether this profile describes {@code columns}: the same features in order, each with bins that agree with their shares. */
    public boolean fits(List<String> columns) {
        return features.equals(columns) && bins.size() == features.size() && score != null
                && bins.stream().allMatch(Bins::consistent) && score.consistent();
    }

    /**
     * @param rows   row-major training rows, {@code features.size()} values each
     * @param scores the {@code scoreObjective} model's score of each row
     */
    public static FeatureProfile of(List<String> features, float[] rows, int count, String scoreObjective, double[] scores) {
        int width = features.size();
        List<Bins> bins = new ArrayList<>(width);
        double[] column = new double[count];
        for (int f = 0; f < width; f++) {
            for (int r = 0; r < count; r++) {
                column[r] = rows[r * width + f];
            }
            bins.add(Bins.of(column));
        }
        return new FeatureProfile(List.copyOf(features), bins, scoreObjective, Bins.of(Arrays.copyOf(scores, count)));
    }

    /**
     * Decile edges and the training shares of the bins they make: bin {@code i} holds values up to
     * {@code edges[i]}, the bin after the last edge the values above it, and one more bin the
     * missing values (NaN), which LightGBM reads as "missing" and serving can produce.
     */
    public record Bins(double[] edges, double[] shares) {
        static final Bins EMPTY = new Bins(new double[0], new double[] {1, 0});

        static Bins of(double[] values) {
            double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
            // Distinct decile values: a feature with few values (a flag, a small count) gets fewer bins.
            double[] edges = present.length == 0 ? new double[0] : java.util.stream.IntStream.range(1, QUANTILES)
                    .mapToDouble(q -> present[(int) ((long) q * (present.length - 1) / QUANTILES)]).distinct().toArray();
            long[] counts = new long[edges.length + 2];
            for (double v : values) {
                counts[bin(edges, v)]++;
            }
            double[] shares = new double[counts.length];
            for (int i = 0; i < counts.length; i++) {
                shares[i] = values.length == 0 ? 0 : (double) counts[i] / values.length;
            }
            return new Bins(edges, shares);
        }

        public int size() {
            return shares.length;
        }

        /** One share per bin: the edges' bins, the bin above them and the missing values' bin. */
        boolean consistent() {
            return edges != null && shares != null && shares.length == edges.length + 2;
        }

        public int bin(double value) {
            return bin(edges, value);
        }

        private static int bin(double[] edges, double value) {
            if (Double.isNaN(value)) {
                return edges.length + 1;
            }
            int at = Arrays.binarySearch(edges, value);
            return at >= 0 ? at : -at - 1;
        }

        /** The population stability index of {@code counts} (rows per bin, serving) against the training shares. */
        public double psi(long[] counts, int offset) {
            long total = 0;
            for (int i = 0; i < shares.length; i++) {
                total += counts[offset + i];
            }
            if (total == 0) {
                return 0;
            }
            double psi = 0;
            for (int i = 0; i < shares.length; i++) {
                double actual = Math.max(FLOOR, (double) counts[offset + i] / total);
                double expected = Math.max(FLOOR, shares[i]);
                psi += (actual - expected) * Math.log(actual / expected);
            }
            return psi;
        }
    }
}
