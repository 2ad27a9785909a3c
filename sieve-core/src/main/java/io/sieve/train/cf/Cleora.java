package io.sieve.train.cf;

import io.sieve.ann.VectorMath;
import io.sieve.bundle.cf.CleoraModel;
import io.sieve.bundle.cf.Factors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Cleora graph embeddings (Rychalska et al., 2021): every node starts at a seeded random vector;
 * then, {@code iterations} times, each node's vector becomes the weighted sum of its neighbours'
 * and is normalised to unit length. Nodes with similar neighbourhoods end up close. The graph
 * here has users, items and attributes (categories, tags): users link to the items they chose,
 * items to their attributes, so an item nobody has chosen yet still gets a position from its
 * attributes, which is what the cold-start literature reports graph embeddings add.
 *
 * <p>Memory: two vectors per node (this round's and the last); nothing else grows with the
 * dimension. A round is one pass over the edges, each node's row computed on its own from the
 * last round's vectors, so the result is the same for any number of threads; the starting
 * vectors are seeded per node.
 */
public final class Cleora {
    private static final int USERS = 1;
    private static final int ITEMS = 2;
    private static final int ATTRIBUTES = 3;

    /** @param threads 0 uses every core */
    public record Params(int dimension, int iterations, double attributeWeight, long seed, int threads) {
    }

    private final Params params;

    public Cleora(Params params) {
        this.params = params;
    }

    /** @param itemAttributes per item column, its attribute names (read when {@code attributeWeight > 0}) */
    public CleoraModel fit(InteractionMatrix userItems, List<List<String>> itemAttributes) {
        InteractionMatrix itemUsers = userItems.transpose();
        InteractionMatrix itemAttributeEdges = params.attributeWeight() > 0
                ? attributeMatrix(itemAttributes, userItems.columns(), (float) params.attributeWeight())
                : new InteractionMatrix(null, 0, new int[userItems.columns() + 1], new int[0], new float[0]);
        InteractionMatrix attributeItems = itemAttributeEdges.transpose();
        int k = params.dimension();
        float[] users = start(userItems.rows(), USERS);
        float[] items = start(userItems.columns(), ITEMS);
        float[] attributes = start(itemAttributeEdges.columns(), ATTRIBUTES);
        ForkJoinPool pool = new ForkJoinPool(params.threads() > 0 ? params.threads() : Runtime.getRuntime().availableProcessors());
        try {
            for (int round = 0; round < params.iterations(); round++) {
                float[] nextItems = new float[items.length];
                propagate(itemUsers, users, nextItems, pool);
                propagate(itemAttributeEdges, attributes, nextItems, pool);
                float[] nextUsers = new float[users.length];
                propagate(userItems, items, nextUsers, pool);
                float[] nextAttributes = new float[attributes.length];
                propagate(attributeItems, items, nextAttributes, pool);
                VectorMath.normaliseRows(nextItems, k);
                VectorMath.normaliseRows(nextUsers, k);
                VectorMath.normaliseRows(nextAttributes, k);
                items = nextItems;
                users = nextUsers;
                attributes = nextAttributes;
            }
        } finally {
            pool.shutdown();
        }
        return new CleoraModel(new Factors(userItems.columns(), k, items));
    }

    /** Adds to each row of {@code target} the weighted sum of its neighbours' {@code source} vectors. */
    private void propagate(InteractionMatrix edges, float[] source, float[] target, ForkJoinPool pool) {
        int k = params.dimension();
        pool.submit(() -> IntStream.range(0, edges.rows()).parallel().forEach(row -> {
            int to = row * k;
            for (int p = edges.rowStart()[row]; p < edges.rowStart()[row + 1]; p++) {
                float w = edges.values()[p];
                int from = edges.cols()[p] * k;
                for (int d = 0; d < k; d++) {
                    target[to + d] += w * source[from + d];
                }
            }
        })).join();
    }

    /** Unit vectors, uniform on each axis before normalising, seeded by the node's kind and number. */
    private float[] start(int nodes, int kind) {
        int k = params.dimension();
        float[] vectors = new float[nodes * k];
        for (int n = 0; n < nodes; n++) {
            SplittableRandom random = new SplittableRandom(params.seed() * 1_000_003L + kind * 0x9E3779B97F4A7C15L + n);
            for (int d = 0; d < k; d++) {
                vectors[n * k + d] = (float) (random.nextDouble() * 2 - 1);
            }
        }
        VectorMath.normaliseRows(vectors, k);
        return vectors;
    }

    /** Items x attributes, attributes numbered in name order so that the numbering never depends on the catalog's. */
    private static InteractionMatrix attributeMatrix(List<List<String>> itemAttributes, int items, float weight) {
        TreeMap<String, Integer> names = new TreeMap<>();
        itemAttributes.forEach(a -> a.forEach(name -> names.put(name, 0)));
        int next = 0;
        for (var e : names.entrySet()) {
            e.setValue(next++);
        }
        int[] rowStart = new int[items + 1];
        List<Integer> cols = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            List<String> own = i < itemAttributes.size() ? itemAttributes.get(i) : List.of();
            own.stream().map(names::get).distinct().sorted().forEach(cols::add);
            rowStart[i + 1] = cols.size();
        }
        float[] values = new float[cols.size()];
        java.util.Arrays.fill(values, weight);
        return new InteractionMatrix(null, names.size(), rowStart, cols.stream().mapToInt(Integer::intValue).toArray(), values);
    }
}
