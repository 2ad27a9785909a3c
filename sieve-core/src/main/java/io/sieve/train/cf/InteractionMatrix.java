package io.sieve.train.cf;

import java.util.List;

/**
 * A sparse users × items matrix of positive interaction strengths in compressed-row form: the
 * items of row u are {@code cols[rowStart[u] .. rowStart[u+1])} with strengths {@code values}.
 * Rows are the users of {@link #userIds}; columns are bundle item indexes.
 */
public record InteractionMatrix(List<String> userIds, int columns, int[] rowStart, int[] cols, float[] values) {

    public int rows() {
        return rowStart.length - 1;
    }

    public int nonZeros() {
        return cols.length;
    }

    /** The items × users matrix, so that item factors can be solved row by row like user factors. */
    public InteractionMatrix transpose() {
        int[] count = new int[columns + 1];
        for (int c : cols) {
            count[c + 1]++;
        }
        for (int i = 0; i < columns; i++) {
            count[i + 1] += count[i];
        }
        int[] fill = java.util.Arrays.copyOf(count, columns);
        int[] tCols = new int[cols.length];
        float[] tValues = new float[cols.length];
        for (int u = 0; u < rows(); u++) {
            for (int p = rowStart[u]; p < rowStart[u + 1]; p++) {
                int at = fill[cols[p]]++;
                tCols[at] = u;
                tValues[at] = values[p];
            }
        }
        return new InteractionMatrix(null, rows(), count, tCols, tValues);
    }
}
