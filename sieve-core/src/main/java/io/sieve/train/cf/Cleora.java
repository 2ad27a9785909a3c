package io.sieve.train.cf;

import io.sieve.ann.VectorMath;
import io.sieve.bundle.cf.CleoraModel;
import io.sieve.bundle.cf.Factors;
import io.sieve.train.progress.Progress;
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

    /**
     * @param newItemLength the length of an unchosen item's vector; 0 keeps its attributes' mean's own
     * @param threads       0 uses every core
     */
    public record Params(int dimension, int iterations, double attributeWeight, double newItemLength, long seed, int threads) {
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
        InteractionMatrix attributeItems = byPopularity(itemAttributeEdges.transpose(), itemUsers);
        int k = params.dimension();
        float[] users = start(userItems.rows(), USERS);
        float[] items = start(userItems.columns(), ITEMS);
        float[] attributes = start(itemAttributeEdges.columns(), ATTRIBUTES);
        ForkJoinPool pool = new ForkJoinPool(params.threads() > 0 ? params.threads() : Runtime.getRuntime().availableProcessors());
        try (Progress progress = Progress.start("Cleora", params.iterations(), "rounds")) {
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
                progress.step();
            }
        } finally {
            pool.shutdown();
        }
        placeByAttributes(items, itemUsers, itemAttributeEdges, attributeItems);
        return new CleoraModel(new Factors(userItems.columns(), k, items));
    }

    /**
     * Moves each item nobody has chosen to the mean of its attributes, an attribute being the
     * interaction-weighted mean of its chosen items' final (unit) vectors. The rounds alone leave
     * such an item at a mixture of its attributes' starting points, which lies in no user's
     * neighbourhood (on ml-100k's cold items it ranked below two thirds of the catalog for every
     * user). The means are not normalised: a user's dot product with one is their mean score over
     * that attribute's items, so a new item ranks like a typical item of its kind. With
     * {@code newItemLength > 0} it is scaled to that length instead: at 1, as long as a chosen
     * item's, it ranks above most of them, which a catalog of many new items may want (BENCHMARKS.md:
     * on ml-100k's cold items HitRate@10 0.36 against content's 0.12, but on the warm split, whose
     * rarely rated items are placed so too, Cleora's NDCG@10 falls from 0.37 to 0.11).
     */
    private void placeByAttributes(float[] items, InteractionMatrix itemUsers, InteractionMatrix itemAttributes,
                                   InteractionMatrix attributeItems) {
        int k = params.dimension();
        float[] attributes = new float[attributeItems.rows() * k];
        for (int a = 0; a < attributeItems.rows(); a++) {
            float total = 0;
            for (int p = attributeItems.rowStart()[a]; p < attributeItems.rowStart()[a + 1]; p++) {
                int item = attributeItems.cols()[p];
                float w = attributeItems.values()[p];
                total += w;
                for (int d = 0; d < k; d++) {
                    attributes[a * k + d] += w * items[item * k + d];
                }
            }
            for (int d = 0; total > 0 && d < k; d++) {
                attributes[a * k + d] /= total;
            }
        }
        for (int item = 0; item < itemUsers.rows(); item++) {
            int from = itemAttributes.rowStart()[item];
            int to = itemAttributes.rowStart()[item + 1];
            if (itemUsers.rowStart()[item] < itemUsers.rowStart()[item + 1] || from == to) {
                continue;
            }
            java.util.Arrays.fill(items, item * k, item * k + k, 0f);
            for (int p = from; p < to; p++) {
                int a = itemAttributes.cols()[p];
                for (int d = 0; d < k; d++) {
                    items[item * k + d] += attributes[a * k + d] / (to - from);
                }
            }
            if (params.newItemLength() > 0) {
                float length = (float) Math.sqrt(VectorMath.dot(items, item * k, items, item * k, k));
                for (int d = 0; length > 0 && d < k; d++) {
                    items[item * k + d] *= (float) params.newItemLength() / length;
                }
            }
        }
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

    /**
     * Attribute-to-item edges weighted by the item's interactions: an attribute's vector is then
     * its popular items' mixture, as an item's vector is a mixture of its co-chosen (mostly popular)
     * items, so an item placed by its attributes alone lands where users of those attributes are,
     * instead of at the uniform mean of the whole category, which is close to no one.
     */
    private static InteractionMatrix byPopularity(InteractionMatrix attributeItems, InteractionMatrix itemUsers) {
        float[] values = attributeItems.values().clone();
        for (int p = 0; p < values.length; p++) {
            int item = attributeItems.cols()[p];
            float chosen = 0;
            for (int q = itemUsers.rowStart()[item]; q < itemUsers.rowStart()[item + 1]; q++) {
                chosen += itemUsers.values()[q];
            }
            values[p] *= chosen;
        }
        return new InteractionMatrix(null, attributeItems.columns(), attributeItems.rowStart(), attributeItems.cols(), values);
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
