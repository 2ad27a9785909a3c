package io.sieve.train;

import io.sieve.bundle.NeighbourTable;
import io.sieve.config.SieveConfig.CoVisitationTraining;
import io.sieve.train.progress.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Item-to-item co-visitation. Two items co-occur when one user engaged with both, within
 * {@code window} positions of each other in time order (0: anywhere in the history). A pair adds
 * the smaller of the two weights. Raw counts favour blockbusters, so the count is normalised:
 * sim(i,j) = c(i,j) / (n(i)^alpha * n(j)^(1-alpha) + shrink), with alpha = 0.5 giving cosine and
 * the shrink damping pairs seen only a few times.
 *
 * <p>Computed one item row at a time (a sparse matrix product through an item→users index), in
 * parallel over items, with one dense accumulator per worker: memory stays O(items) per thread
 * instead of O(pairs).
 */
public final class CoVisitationBuilder {
    private final CoVisitationTraining params;

    public CoVisitationBuilder(CoVisitationTraining params) {
        this.params = params;
    }

    public NeighbourTable build(Interactions data) {
        int itemCount = data.items().size();
        List<int[]> users = new ArrayList<>();
        List<float[]> weights = new ArrayList<>();
        for (Interactions.UserItems u : data.users()) {
            keepRecentPositive(u, users, weights);
        }
        double[] norm = new double[itemCount];
        int[] postingCount = new int[itemCount];
        for (int u = 0; u < users.size(); u++) {
            for (int p = 0; p < users.get(u).length; p++) {
                norm[users.get(u)[p]] += weights.get(u)[p];
                postingCount[users.get(u)[p]]++;
            }
        }
        // Inverted index item -> (user, position), packed as two parallel arrays per item.
        int[][] postUser = new int[itemCount][];
        int[][] postPos = new int[itemCount][];
        for (int i = 0; i < itemCount; i++) {
            postUser[i] = new int[postingCount[i]];
            postPos[i] = new int[postingCount[i]];
        }
        int[] fill = new int[itemCount];
        for (int u = 0; u < users.size(); u++) {
            int[] items = users.get(u);
            for (int p = 0; p < items.length; p++) {
                int i = items[p];
                postUser[i][fill[i]] = u;
                postPos[i][fill[i]++] = p;
            }
        }
        int[][] rowItems = new int[itemCount][];
        float[][] rowScores = new float[itemCount][];
        ThreadLocal<RowWorkspace> workspace = ThreadLocal.withInitial(() -> new RowWorkspace(itemCount));
        try (Progress progress = Progress.start("co-visitation", itemCount, "items")) {
            IntStream.range(0, itemCount).parallel().forEach(i -> {
                RowWorkspace ws = workspace.get();
                for (int k = 0; k < postUser[i].length; k++) {
                    int u = postUser[i][k];
                    int p = postPos[i][k];
                    int[] items = users.get(u);
                    float[] w = weights.get(u);
                    int from = params.window() == 0 ? 0 : Math.max(0, p - params.window());
                    int to = params.window() == 0 ? items.length : Math.min(items.length, p + params.window() + 1);
                    for (int q = from; q < to; q++) {
                        if (q != p) {
                            ws.add(items[q], Math.min(w[p], w[q]));
                        }
                    }
                }
                ws.topNeighbours(i, norm, params, rowItems, rowScores);
                progress.step();
            });
        }
        return pack(rowItems, rowScores);
    }

    private void keepRecentPositive(Interactions.UserItems u, List<int[]> users, List<float[]> weights) {
        int positives = 0;
        for (float w : u.weights()) {
            if (w > 0) {
                positives++;
            }
        }
        int keep = Math.min(positives, params.maxUserItems());
        if (keep == 0) {
            return;
        }
        int[] items = new int[keep];
        float[] w = new float[keep];
        int k = keep;
        for (int p = u.items().length - 1; p >= 0 && k > 0; p--) {
            if (u.weights()[p] > 0) {
                k--;
                items[k] = u.items()[p];
                w[k] = u.weights()[p];
            }
        }
        users.add(items);
        weights.add(w);
    }

    private static NeighbourTable pack(int[][] rowItems, float[][] rowScores) {
        int[] offsets = new int[rowItems.length + 1];
        for (int i = 0; i < rowItems.length; i++) {
            offsets[i + 1] = offsets[i] + rowItems[i].length;
        }
        int[] neighbours = new int[offsets[rowItems.length]];
        float[] scores = new float[neighbours.length];
        for (int i = 0; i < rowItems.length; i++) {
            System.arraycopy(rowItems[i], 0, neighbours, offsets[i], rowItems[i].length);
            System.arraycopy(rowScores[i], 0, scores, offsets[i], rowScores[i].length);
        }
        return new NeighbourTable(offsets, neighbours, scores);
    }

    /** A dense accumulator with a list of touched slots, reset after each row. */
    private static final class RowWorkspace {
        final double[] sums;
        final int[] touched;
        int touchedCount;

        RowWorkspace(int items) {
            sums = new double[items];
            touched = new int[items];
        }

        void add(int item, double value) {
            if (sums[item] == 0) {
                touched[touchedCount++] = item;
            }
            sums[item] += value;
        }

        void topNeighbours(int row, double[] norm, CoVisitationTraining params, int[][] rowItems, float[][] rowScores) {
            double[] scored = new double[touchedCount];
            for (int t = 0; t < touchedCount; t++) {
                int j = touched[t];
                scored[t] = sums[j] / (Math.pow(norm[row], params.alpha()) * Math.pow(norm[j], 1 - params.alpha())
                        + params.shrink());
            }
            Integer[] order = new Integer[touchedCount];
            for (int t = 0; t < touchedCount; t++) {
                order[t] = t;
            }
            java.util.Arrays.sort(order, (a, b) -> {
                int c = Double.compare(scored[b], scored[a]);
                return c != 0 ? c : Integer.compare(touched[a], touched[b]);
            });
            int n = Math.min(params.neighbours(), touchedCount);
            rowItems[row] = new int[n];
            rowScores[row] = new float[n];
            for (int r = 0; r < n; r++) {
                rowItems[row][r] = touched[order[r]];
                rowScores[row][r] = (float) scored[order[r]];
            }
            for (int t = 0; t < touchedCount; t++) {
                sums[touched[t]] = 0;
            }
            touchedCount = 0;
        }
    }
}
