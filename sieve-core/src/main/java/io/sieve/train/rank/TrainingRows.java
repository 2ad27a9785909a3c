package io.sieve.train.rank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ranker training set: candidate lists (one per request), their feature rows, one label per
 * objective, and the first-pass (blend) score, which is the baseline the ranker must beat.
 */
final class TrainingRows {
    private final int width;
    private final List<String> objectives;
    private float[] features = new float[0];
    private int rows;
    private final List<Integer> groups = new ArrayList<>();
    private final List<Boolean> validation = new ArrayList<>();
    private final Map<String, int[]> labels = new LinkedHashMap<>();
    private double[] baseline = new double[0];

    TrainingRows(int width, List<String> objectives) {
        this.width = width;
        this.objectives = List.copyOf(objectives);
        objectives.forEach(o -> labels.put(o, new int[0]));
    }

    /**
     * @param rowFeatures row-major features of the list's candidates
     * @param listLabels  per objective, one grade per candidate
     */
    void addList(float[] rowFeatures, Map<String, int[]> listLabels, double[] baselineScores, boolean held) {
        int n = rowFeatures.length / width;
        if (n == 0) {
            return;
        }
        ensure(rows + n);
        System.arraycopy(rowFeatures, 0, features, rows * width, rowFeatures.length);
        for (String o : objectives) {
            System.arraycopy(listLabels.get(o), 0, labels.get(o), rows, n);
        }
        System.arraycopy(baselineScores, 0, baseline, rows, n);
        rows += n;
        groups.add(n);
        validation.add(held);
    }

    private void ensure(int capacity) {
        if (capacity * width <= features.length) {
            return;
        }
        int size = Math.max(capacity, rows * 2);
        features = Arrays.copyOf(features, size * width);
        labels.replaceAll((o, l) -> Arrays.copyOf(l, size));
        baseline = Arrays.copyOf(baseline, size);
    }

    int width() {
        return width;
    }

    int lists() {
        return groups.size();
    }

    int rows() {
        return rows;
    }

    /** The training or the validation lists only. */
    Part part(boolean held) {
        int count = 0;
        List<Integer> sizes = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            if (validation.get(g) == held) {
                count += groups.get(g);
                sizes.add(groups.get(g));
            }
        }
        int total = count;
        float[] f = new float[count * width];
        Map<String, float[]> partLabels = new LinkedHashMap<>();
        objectives.forEach(o -> partLabels.put(o, new float[total]));
        double[] b = new double[count];
        int at = 0;
        int row = 0;
        for (int g = 0; g < groups.size(); g++) {
            int n = groups.get(g);
            if (validation.get(g) == held) {
                System.arraycopy(features, row * width, f, at * width, n * width);
                for (String o : objectives) {
                    int[] src = labels.get(o);
                    float[] dst = partLabels.get(o);
                    for (int i = 0; i < n; i++) {
                        dst[at + i] = src[row + i];
                    }
                }
                System.arraycopy(baseline, row, b, at, n);
                at += n;
            }
            row += n;
        }
        return new Part(f, count, sizes.stream().mapToInt(Integer::intValue).toArray(), partLabels, b);
    }

    /** One side of the split, in the shapes LightGBM takes. */
    record Part(float[] features, int rows, int[] groups, Map<String, float[]> labels, double[] baseline) {
        int positives(String objective) {
            int p = 0;
            for (float v : labels.get(objective)) {
                if (v > 0) {
                    p++;
                }
            }
            return p;
        }
    }
}
