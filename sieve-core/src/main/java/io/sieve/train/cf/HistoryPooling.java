package io.sieve.train.cf;

/**
 * The user tower's input: its history items' inputs pooled by a softmax over a learned weight per
 * item (from its id and attributes, as its input is), so items that say much about a taste count
 * more than items everyone chose. With attention off the weights stay 0: the plain mean.
 */
final class HistoryPooling {
    private final TowerInputs inputs;
    private final TowerInputs weights;
    private final boolean attention;
    private final int dim;

    HistoryPooling(TowerInputs inputs, TowerInputs weights, boolean attention) {
        this.inputs = inputs;
        this.weights = weights;
        this.attention = attention;
        this.dim = inputs.ids.dim();
    }

    /** Adds the pooled input of {@code items} to {@code out[offset ..]}; returns each item's share, for {@link #backward}. */
    float[] forward(int[] items, float[] out, int offset) {
        float[] shares = shares(items);
        inputs.addAll(items, shares, out, offset);
        return shares;
    }

    /** Passes the gradient of the pooled input on to the items' inputs and, with attention, their weights. */
    void backward(int[] items, float[] shares, float[] pooled, float[] gradient, int offset) {
        float alongPooled = attention ? io.sieve.ann.VectorMath.dot(pooled, offset, gradient, offset, dim) : 0;
        float[] input = new float[dim];
        float[] weightGradient = new float[1];
        inputs.backwardAll(items, shares, gradient, offset);
        for (int k = 0; attention && k < items.length; k++) {
            java.util.Arrays.fill(input, 0);
            inputs.add(items[k], true, 1f, input, 0);
            // d pooled / d weight_k = share_k (input_k − pooled)
            weightGradient[0] = shares[k] * (io.sieve.ann.VectorMath.dot(input, 0, gradient, offset, dim) - alongPooled);
            weights.backward(items[k], true, 1f, weightGradient, 0);
        }
    }

    void step(double learningRate, long step) {
        inputs.step(learningRate, step);
        if (attention) {
            weights.step(learningRate, step);
        }
    }

    /** Each item's pooling weight (0 for all without attention). */
    float weight(int item) {
        float[] w = new float[1];
        weights.add(item, true, 1f, w, 0);
        return w[0];
    }

    private float[] shares(int[] items) {
        float[] shares = new float[items.length];
        if (!attention) {
            java.util.Arrays.fill(shares, 1f / items.length);
            return shares;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < items.length; k++) {
            shares[k] = weight(items[k]);
            max = Math.max(max, shares[k]);
        }
        float sum = 0;
        for (int k = 0; k < items.length; k++) {
            shares[k] = (float) Math.exp(shares[k] - max);
            sum += shares[k];
        }
        for (int k = 0; k < items.length; k++) {
            shares[k] /= sum;
        }
        return shares;
    }
}
