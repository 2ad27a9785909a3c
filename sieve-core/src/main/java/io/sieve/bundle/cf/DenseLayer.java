package io.sieve.bundle.cf;

/**
 * One fully connected layer, {@code out = W·in + bias}, then ReLU when {@code relu}: the weights
 * are row-major, one row of {@code in} values per output.
 */
public record DenseLayer(int in, int out, float[] weights, float[] bias, boolean relu) {

    public float[] apply(float[] x) {
        float[] y = new float[out];
        apply(x, 0, y, 0);
        return y;
    }

    /** Writes the layer's output for {@code x[xOffset ..]} into {@code y[yOffset ..]}. */
    public void apply(float[] x, int xOffset, float[] y, int yOffset) {
        for (int o = 0; o < out; o++) {
            float s = bias[o] + io.sieve.ann.VectorMath.dot(weights, o * in, x, xOffset, in);
            y[yOffset + o] = relu && s < 0 ? 0 : s;
        }
    }
}
