package io.sieve.bundle.cf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names with an embedding each: a model's categories and tags, user attributes or user ids.
 *
 * @param rows each name's row, derived from {@code names}
 */
public record Vocabulary(List<String> names, Factors embeddings, Map<String, Integer> rows) {

    public Vocabulary(List<String> names, Factors embeddings) {
        this(List.copyOf(names), embeddings, rowsOf(names));
    }

    public static Vocabulary empty(int dim) {
        return new Vocabulary(List.of(), Factors.zeros(0, dim));
    }

    /** Adds the mean embedding of the known names to {@code out}; false when none is known. */
    public boolean addMean(List<String> wanted, float[] out) {
        int known = 0;
        float[] sum = new float[out.length];
        for (String name : wanted) {
            Integer row = rows.get(name);
            if (row != null) {
                known++;
                int o = embeddings.offset(row);
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += embeddings.data()[o + d];
                }
            }
        }
        for (int d = 0; known > 0 && d < sum.length; d++) {
            out[d] += sum[d] / known;
        }
        return known > 0;
    }

    private static Map<String, Integer> rowsOf(List<String> names) {
        Map<String, Integer> rows = new HashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            rows.put(names.get(i), i);
        }
        return Map.copyOf(rows);
    }
}
