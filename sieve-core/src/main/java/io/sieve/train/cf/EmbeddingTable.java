package io.sieve.train.cf;

import io.sieve.bundle.cf.Factors;
import java.util.Arrays;

/**
 * A trainable embedding table: rows of {@code dim} values with their gradients, updated lazily by
 * Adam (only the rows a batch touched move, as in sparse Adam), so a step costs the batch's rows,
 * not the table's.
 */
final class EmbeddingTable {
    final Factors values;
    private final float[] gradient;
    private final float[] m;
    private final float[] v;
    private final boolean[] touched;
    private int[] touchedRows = new int[64];
    private int touchedCount;

    EmbeddingTable(int rows, int dim, double scale, long seed) {
        values = Factors.random(rows, dim, scale, seed);
        gradient = new float[rows * dim];
        m = new float[rows * dim];
        v = new float[rows * dim];
        touched = new boolean[rows];
    }

    int dim() {
        return values.dim();
    }

    /** Adds {@code scale · g[gOffset .. +dim)} to the row's gradient. Not thread-safe. */
    void accumulate(int row, float[] g, int gOffset, float scale) {
        if (!touched[row]) {
            touched[row] = true;
            if (touchedCount == touchedRows.length) {
                touchedRows = Arrays.copyOf(touchedRows, touchedCount * 2);
            }
            touchedRows[touchedCount++] = row;
        }
        int o = values.offset(row);
        for (int d = 0; d < values.dim(); d++) {
            gradient[o + d] += scale * g[gOffset + d];
        }
    }

    /** Adds {@code scale ×} the mean of the rows to {@code out[offset ..]}; nothing for no rows. */
    void addMean(int[] rows, float scale, float[] out, int offset) {
        for (int row : rows) {
            add(row, scale / rows.length, out, offset);
        }
    }

    /** Adds {@code scale ×} the row to {@code out[offset ..]}. */
    void add(int row, float scale, float[] out, int offset) {
        float[] data = values.data();
        int o = values.offset(row);
        for (int d = 0; d < values.dim(); d++) {
            out[offset + d] += scale * data[o + d];
        }
    }

    /** Passes the gradient of {@code scale ×} the rows' mean on to each of them. */
    void accumulateMean(int[] rows, float[] g, int gOffset, float scale) {
        for (int row : rows) {
            accumulate(row, g, gOffset, scale / rows.length);
        }
    }

    /** One Adam step of the touched rows; their gradients are cleared. */
    void step(double learningRate, long step) {
        for (int i = 0; i < touchedCount; i++) {
            int row = touchedRows[i];
            Adam.update(values.data(), m, v, gradient, values.offset(row), values.dim(), learningRate, step);
            touched[row] = false;
        }
        touchedCount = 0;
    }
}
