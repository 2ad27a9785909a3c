package io.sieve.train.cf;

import io.sieve.bundle.cf.DenseLayer;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A dense layer being trained over a batch of rows: forward keeps what backward needs, backward
 * sums the weight gradient over the batch and returns each row's input gradient. Every output value
 * is computed by one thread in a fixed order, so the result does not depend on the thread count.
 */
final class TrainableDense {
    final DenseLayer layer;
    private final float[] weightGradient;
    private final float[] biasGradient;
    private final float[] wm;
    private final float[] wv;
    private final float[] bm;
    private final float[] bv;

    /** Weights drawn from N(0, 1/in) (LeCun), or the identity plus that noise when the layer is square and linear. */
    TrainableDense(int in, int out, boolean relu, SplittableRandom random) {
        float[] weights = new float[in * out];
        double scale = 1 / Math.sqrt(in);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (io.sieve.bundle.cf.Factors.gaussian(random) * scale * (relu || in != out ? 1 : 0.1));
        }
        if (!relu && in == out) {
            // Starting as the identity: a linear tower begins as its embeddings' dot product, which trains fastest.
            for (int d = 0; d < in; d++) {
                weights[d * in + d] += 1;
            }
        }
        layer = new DenseLayer(in, out, weights, new float[out], relu);
        weightGradient = new float[weights.length];
        biasGradient = new float[out];
        wm = new float[weights.length];
        wv = new float[weights.length];
        bm = new float[out];
        bv = new float[out];
    }

    /** The outputs of {@code rows} inputs (row-major, {@code in} wide), row-major {@code out} wide. */
    float[] forward(float[] inputs, int rows, Parallel parallel) {
        float[] outputs = new float[rows * layer.out()];
        parallel.forEach(rows, r -> layer.apply(inputs, r * layer.in(), outputs, r * layer.out()));
        return outputs;
    }

    /**
     * Adds this batch's weight and bias gradients and returns the gradient of the inputs.
     *
     * @param outputGradient the gradient of the outputs, changed in place through the ReLU
     */
    float[] backward(float[] inputs, float[] outputs, float[] outputGradient, int rows, Parallel parallel) {
        int in = layer.in();
        int out = layer.out();
        if (layer.relu()) {
            for (int i = 0; i < rows * out; i++) {
                if (outputs[i] <= 0) {
                    outputGradient[i] = 0;
                }
            }
        }
        parallel.forEach(out, o -> {
            int w = o * in;
            for (int r = 0; r < rows; r++) {
                float g = outputGradient[r * out + o];
                if (g != 0) {
                    biasGradient[o] += g;
                    for (int i = 0; i < in; i++) {
                        weightGradient[w + i] += g * inputs[r * in + i];
                    }
                }
            }
        });
        float[] inputGradient = new float[rows * in];
        float[] weights = layer.weights();
        parallel.forEach(rows, r -> {
            for (int o = 0; o < out; o++) {
                float g = outputGradient[r * out + o];
                if (g != 0) {
                    for (int i = 0; i < in; i++) {
                        inputGradient[r * in + i] += g * weights[o * in + i];
                    }
                }
            }
        });
        return inputGradient;
    }

    void step(double learningRate, long step) {
        Adam.update(layer.weights(), wm, wv, weightGradient, 0, weightGradient.length, learningRate, step);
        Adam.update(layer.bias(), bm, bv, biasGradient, 0, biasGradient.length, learningRate, step);
    }

    /** Runs row jobs on a fixed pool; each row is one task's alone. */
    interface Parallel {
        void forEach(int rows, java.util.function.IntConsumer row);

        static Parallel on(java.util.concurrent.ForkJoinPool pool) {
            return (rows, row) -> pool.submit(() -> IntStream.range(0, rows).parallel().forEach(row)).join();
        }
    }
}
