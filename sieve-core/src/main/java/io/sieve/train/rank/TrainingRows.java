package io.sieve.train.rank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * A ranker training set: candidate lists (one per request), their feature rows, one label per
 * objective, the first-pass (blend) score, which is the baseline the ranker must beat, and what
 * each list is (see {@link ListInfo}).
 */
final class TrainingRows {
    private final int width;
    private final List<String> objectives;
    private float[] features = new float[0];
    private int rows;
    private final List<Integer> groups = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();
    private final List<ListInfo> infos = new ArrayList<>();
    private final Map<String, int[]> labels = new LinkedHashMap<>();
    private double[] baseline = new double[0];

    /**
     * What one list is.
     *
     * @param fold     the cross-fitting fold it belongs to
     * @param kind     how its labels were held out (random, latest, logged)
     * @param items    the candidates' item ids, in row order
     * @param idealDcg per objective, DCG@10 of the user's labels in the best order, including labelled items
     *                 no candidate holds: NDCG then scores the list as the served list is scored
     */
    record ListInfo(int fold, String kind, String[] items, Map<String, Double> idealDcg) {
    }

    TrainingRows(int width, List<String> objectives) {
        this.width = width;
        this.objectives = List.copyOf(objectives);
        objectives.forEach(o -> labels.put(o, new int[0]));
    }

    /**
     * @param rowFeatures row-major features of the list's candidates, in first-pass order
     * @param listLabels  per objective, one grade per candidate
     */
    void addList(float[] rowFeatures, Map<String, int[]> listLabels, double[] baselineScores, ListInfo info) {
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
        starts.add(rows);
        rows += n;
        groups.add(n);
        infos.add(info);
    }

    /** Makes room for {@code capacity} rows in all, so that adding up to that many copies nothing. */
    void reserve(int capacity) {
        if (capacity > rows) {
            resize(capacity);
        }
    }

    private void ensure(int capacity) {
        if (capacity * width <= features.length) {
            return;
        }
        resize(Math.max(capacity, rows * 2));
    }

    private void resize(int size) {
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

    ListInfo info(int list) {
        return infos.get(list);
    }

    /** The lists {@code keep} accepts (by list index), in the shapes LightGBM takes. */
    Part part(IntPredicate keep) {
        List<Integer> chosen = new ArrayList<>();
        int count = 0;
        for (int g = 0; g < groups.size(); g++) {
            if (keep.test(g)) {
                chosen.add(g);
                count += groups.get(g);
            }
        }
        int total = count;
        float[] f = new float[count * width];
        Map<String, float[]> partLabels = new LinkedHashMap<>();
        objectives.forEach(o -> partLabels.put(o, new float[total]));
        double[] b = new double[count];
        int[] sizes = new int[chosen.size()];
        List<ListInfo> partInfos = new ArrayList<>(chosen.size());
        int at = 0;
        for (int i = 0; i < chosen.size(); i++) {
            int g = chosen.get(i);
            int n = groups.get(g);
            int row = starts.get(g);
            System.arraycopy(features, row * width, f, at * width, n * width);
            for (String o : objectives) {
                int[] src = labels.get(o);
                float[] dst = partLabels.get(o);
                for (int r = 0; r < n; r++) {
                    dst[at + r] = src[row + r];
                }
            }
            System.arraycopy(baseline, row, b, at, n);
            sizes[i] = n;
            partInfos.add(infos.get(g));
            at += n;
        }
        return new Part(f, count, sizes, partLabels, b, partInfos);
    }

    /** Some of the lists, in the shapes LightGBM takes, with what each list is. */
    record Part(float[] features, int rows, int[] groups, Map<String, float[]> labels, double[] baseline,
                List<ListInfo> infos) {
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
