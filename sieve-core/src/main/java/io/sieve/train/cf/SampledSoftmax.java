package io.sieve.train.cf;

import io.sieve.ann.VectorMath;

/**
 * The loss of a two-tower batch: each row's user against every column's item (its own positive,
 * the other rows' positives as negatives, and any extra negatives), softmax over cosine /
 * temperature minus the log of each column's sampling probability (the log-Q correction: an item
 * drawn often as a negative is otherwise pushed down for being popular, not for being wrong).
 * A column holding the row's own positive item again is left out of that row.
 */
final class SampledSoftmax {
    /** The gradients of the mean loss for the unit user vectors and the unit item vectors. */
    record Gradients(float[] users, float[] items, double loss) {
    }

    private SampledSoftmax() {
    }

    /**
     * @param users      {@code rows × dim}, unit length; row r's positive is column r
     * @param items      {@code columns × dim}, unit length, columns ≥ rows
     * @param columnItem each column's item, to find repeats of a row's positive
     * @param logQ       each column's log sampling probability
     */
    static Gradients of(float[] users, int rows, float[] items, int columns, int dim, int[] columnItem, float[] logQ, float temperature, TrainableDense.Parallel parallel) {
        float[] probabilities = new float[rows * columns];
        double[] rowLoss = new double[rows];
        parallel.forEach(rows, r -> {
            int o = r * columns;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < columns; c++) {
                boolean repeat = c != r && columnItem[c] == columnItem[r];
                float s = repeat ? Float.NEGATIVE_INFINITY
                        : VectorMath.dot(users, r * dim, items, c * dim, dim) / temperature - logQ[c];
                probabilities[o + c] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int c = 0; c < columns; c++) {
                float e = (float) Math.exp(probabilities[o + c] - max);
                probabilities[o + c] = e;
                sum += e;
            }
            for (int c = 0; c < columns; c++) {
                probabilities[o + c] /= (float) sum;
            }
            rowLoss[r] = -Math.log(Math.max(probabilities[o + r], 1e-30));
        });
        // d loss / d logit = (p - 1[positive]) / rows; the logit is cosine / temperature.
        float scale = 1f / (rows * temperature);
        float[] userGradient = new float[rows * dim];
        parallel.forEach(rows, r -> {
            for (int c = 0; c < columns; c++) {
                float g = (probabilities[r * columns + c] - (c == r ? 1 : 0)) * scale;
                if (g != 0) {
                    axpy(g, items, c * dim, userGradient, r * dim, dim);
                }
            }
        });
        float[] itemGradient = new float[columns * dim];
        parallel.forEach(columns, c -> {
            for (int r = 0; r < rows; r++) {
                float g = (probabilities[r * columns + c] - (c == r ? 1 : 0)) * scale;
                if (g != 0) {
                    axpy(g, users, r * dim, itemGradient, c * dim, dim);
                }
            }
        });
        double loss = 0;
        for (double l : rowLoss) {
            loss += l;
        }
        return new Gradients(userGradient, itemGradient, loss / rows);
    }

    private static void axpy(float a, float[] x, int xOffset, float[] y, int yOffset, int length) {
        for (int i = 0; i < length; i++) {
            y[yOffset + i] += a * x[xOffset + i];
        }
    }

    /** Each row of {@code raw} at unit length; {@code lengths} receives the rows' lengths for {@link #unitBackward}. */
    static float[] unit(float[] raw, int rows, int dim, float[] lengths) {
        float[] unit = new float[rows * dim];
        for (int r = 0; r < rows; r++) {
            float length = (float) Math.sqrt(VectorMath.dot(raw, r * dim, raw, r * dim, dim));
            lengths[r] = Math.max(length, 1e-12f);
            for (int d = 0; d < dim; d++) {
                unit[r * dim + d] = raw[r * dim + d] / lengths[r];
            }
        }
        return unit;
    }

    /** The gradient through y = x / |x|, in place: (g − y (y·g)) / |x|. */
    static void unitBackward(float[] unit, float[] lengths, float[] gradient, int rows, int dim) {
        for (int r = 0; r < rows; r++) {
            float along = VectorMath.dot(unit, r * dim, gradient, r * dim, dim);
            for (int d = 0; d < dim; d++) {
                gradient[r * dim + d] = (gradient[r * dim + d] - unit[r * dim + d] * along) / lengths[r];
            }
        }
    }
}
