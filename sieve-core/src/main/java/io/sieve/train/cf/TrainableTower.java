package io.sieve.train.cf;

import io.sieve.bundle.cf.DenseLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One tower being trained: one linear layer ({@code layers: 1}), or a ReLU layer then a linear
 * one ({@code layers: 2}), all {@code dim} wide; its output is brought to unit length by the batch.
 */
final class TrainableTower {
    private final List<TrainableDense> layers = new ArrayList<>();
    private final List<float[]> activations = new ArrayList<>();
    private int rows;

    TrainableTower(int dim, int depth, SplittableRandom random) {
        for (int l = 0; l < depth; l++) {
            layers.add(new TrainableDense(dim, dim, l < depth - 1, random));
        }
    }

    /** The tower's (not yet normalised) outputs for {@code rows} inputs; kept for {@link #backward}. */
    float[] forward(float[] inputs, int rows, TrainableDense.Parallel parallel) {
        this.rows = rows;
        activations.clear();
        activations.add(inputs);
        float[] x = inputs;
        for (TrainableDense layer : layers) {
            x = layer.forward(x, rows, parallel);
            activations.add(x);
        }
        return x;
    }

    /** Accumulates the layers' gradients and returns the gradient of the last forward's inputs. */
    float[] backward(float[] outputGradient, TrainableDense.Parallel parallel) {
        float[] g = outputGradient;
        for (int l = layers.size() - 1; l >= 0; l--) {
            g = layers.get(l).backward(activations.get(l), activations.get(l + 1), g, rows, parallel);
        }
        return g;
    }

    void step(double learningRate, long step) {
        layers.forEach(l -> l.step(learningRate, step));
    }

    List<DenseLayer> layers() {
        return layers.stream().map(l -> l.layer).toList();
    }
}
