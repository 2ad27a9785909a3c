package io.sieve.bundle.cf;

import io.sieve.ann.VectorMath;
import java.util.List;

/**
 * A trained two-tower model, as served. The item tower's outputs for the bundle's items are
 * precomputed ({@code items}, unit length, indexed for search); the user tower runs per request
 * over the mean of the user's latest items' history embeddings ({@code historyInputs}, also
 * precomputed) plus the mean embedding of the user's attributes (as {@code training.segments} reads
 * them: {@code age=25-34}, {@code country=DE}), so a user is placed from their latest events, the
 * first one included, or from their attributes alone before any. An item the bundle does not know
 * is placed by the item tower from its categories, tags and content vector alone.
 *
 * @param historyWeights  each item's pooling weight in a history: shares are their softmax (all 0: the mean)
 * @param historyLength   the most items the user tower pools, the newest, as in training
 * @param itemAttributes  the item tower's embedding of each category and tag ({@code category:x}, {@code tag:y})
 * @param userAttributes  the user tower's embedding of each user attribute ({@code age=25-34})
 * @param contentProjection what each dimension of the bundle's content vectors adds to the item
 *                        tower's input per unit of value; no rows when trained without content
 * @param contextZone     the zone of the context keys the user tower reads beside the user's
 *                        attributes ({@link RequestContextKeys}); empty when trained without context
 * @param members         how many independently trained models this one joins ({@link TwoTowerMembers}): each
 *                        tower's output is that many equal blocks, each brought to unit length and the whole
 *                        scaled by 1/sqrt(members), so a dot product is the mean of the members' cosines
 */
public record TwoTowerModel(Factors items, Factors historyInputs, float[] historyWeights, int historyLength, List<DenseLayer> userTower,
                            List<DenseLayer> itemTower, Vocabulary itemAttributes, Vocabulary userAttributes,
                            Factors contentProjection, String contextZone, int members) {

    public TwoTowerModel {
        userTower = List.copyOf(userTower);
        itemTower = List.copyOf(itemTower);
        if (members < 1 || items.dim() % members != 0) {
            throw new IllegalArgumentException(members + " members cannot split " + items.dim() + " dimensions");
        }
    }

    /** One model trained alone. */
    public TwoTowerModel(Factors items, Factors historyInputs, float[] historyWeights, int historyLength, List<DenseLayer> userTower,
                         List<DenseLayer> itemTower, Vocabulary itemAttributes, Vocabulary userAttributes,
                         Factors contentProjection, String contextZone) {
        this(items, historyInputs, historyWeights, historyLength, userTower, itemTower, itemAttributes, userAttributes,
                contentProjection, contextZone, 1);
    }

    /** {@link #userVector(int[], List, List)} without context. */
    public float[] userVector(int[] recentItems, List<String> profile) {
        return userVector(recentItems, profile, List.of());
    }

    /**
     * The user tower over the history inputs of the first {@code historyLength} items (newest
     * first), pooled by the softmax of their weights, plus the mean embedding of the user's known
     * attributes and the context's keys ({@link #contextKeys}); null when neither history nor an
     * attribute is known: training never saw a user made of context alone.
     */
    public float[] userVector(int[] recentItems, List<String> profile, List<String> context) {
        int dim = historyInputs.dim();
        float[] input = new float[dim];
        int count = Math.min(historyLength, recentItems.length);
        if (count == 0 && !userAttributes.addMean(profile, new float[dim])) {
            return null;
        }
        List<String> keys = context.isEmpty() ? profile : java.util.stream.Stream.concat(profile.stream(), context.stream()).toList();
        userAttributes.addMean(keys, input);
        if (count == 0) {
            return tower(userTower, input, members);
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            max = Math.max(max, historyWeights[recentItems[k]]);
        }
        float[] shares = new float[count];
        float sum = 0;
        for (int k = 0; k < count; k++) {
            shares[k] = (float) Math.exp(historyWeights[recentItems[k]] - max);
            sum += shares[k];
        }
        float[] pooled = input;
        float[] data = historyInputs.data();
        for (int k = 0; k < count; k++) {
            int o = historyInputs.offset(recentItems[k]);
            float share = shares[k] / sum;
            for (int d = 0; d < dim; d++) {
                pooled[d] += share * data[o + d];
            }
        }
        return tower(userTower, pooled, members);
    }

    /** The context keys of a request at this moment, for {@link #userVector}'s profile; none when trained without context. */
    public List<String> contextKeys(java.time.Instant now) {
        return contextZone.isEmpty() ? List.of() : RequestContextKeys.at(now, java.time.ZoneId.of(contextZone));
    }

    /**
     * The item tower over the mean embedding of the item's known attributes and the projection of
     * its content vector (null, or of another length than the projection's, is left out); null when
     * neither is known.
     */
    public float[] newItemVector(List<String> attributes, float[] content) {
        float[] input = new float[historyInputs.dim()];
        boolean known = itemAttributes.addMean(attributes, input);
        if (content != null && content.length == contentProjection.rows()) {
            float[] rows = contentProjection.data();
            for (int j = 0; j < content.length; j++) {
                if (content[j] != 0) {
                    known = true;
                    int o = contentProjection.offset(j);
                    for (int d = 0; d < input.length; d++) {
                        input[d] += content[j] * rows[o + d];
                    }
                }
            }
        }
        return known ? tower(itemTower, input, members) : null;
    }

    /** The layers in turn, the output at unit length (null when it is zero). */
    public static float[] tower(List<DenseLayer> layers, float[] input) {
        return tower(layers, input, 1);
    }

    /**
     * The layers in turn, then each of the output's {@code members} blocks at length
     * 1/sqrt(members), so the whole is at unit length (null when it is zero; a zero block stays zero).
     */
    static float[] tower(List<DenseLayer> layers, float[] input, int members) {
        float[] x = input;
        for (DenseLayer layer : layers) {
            x = layer.apply(x);
        }
        if (!(VectorMath.dot(x, x) > 0)) {
            return null;
        }
        VectorMath.normaliseRows(x, x.length / members);
        float scale = (float) (1 / Math.sqrt(members));
        for (int d = 0; members > 1 && d < x.length; d++) {
            x[d] *= scale;
        }
        return x;
    }
}
