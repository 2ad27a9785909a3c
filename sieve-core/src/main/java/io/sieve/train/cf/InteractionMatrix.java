package io.sieve.train.cf;

import io.sieve.train.Interactions;
import java.util.List;

/**
 * A sparse users × items matrix of positive interaction strengths in compressed-row form: the
 * items of row u are {@code cols[rowStart[u] .. rowStart[u+1])} with strengths {@code values}.
 * Rows are the users of {@link #userIds}; columns are bundle item indexes.
 */
public record InteractionMatrix(List<String> userIds, int columns, int[] rowStart, int[] cols, float[] values) {

    /** Every user's positive net weights; users with nothing positive get an empty row. */
    public static InteractionMatrix of(Interactions data) {
        List<Interactions.UserItems> users = data.users();
        int[] rowStart = new int[users.size() + 1];
        for (int u = 0; u < users.size(); u++) {
            int positives = 0;
            for (float w : users.get(u).weights()) {
                positives += w > 0 ? 1 : 0;
            }
            rowStart[u + 1] = rowStart[u] + positives;
        }
        int[] cols = new int[rowStart[users.size()]];
        float[] values = new float[cols.length];
        for (int u = 0; u < users.size(); u++) {
            int at = rowStart[u];
            var row = users.get(u);
            for (int p = 0; p < row.items().length; p++) {
                if (row.weights()[p] > 0) {
                    cols[at] = row.items()[p];
                    values[at++] = row.weights()[p];
                }
            }
        }
        return new InteractionMatrix(users.stream().map(Interactions.UserItems::user).toList(),
                data.items().size(), rowStart, cols, values);
    }

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
