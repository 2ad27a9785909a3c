package io.sieve.train;

import io.sieve.bundle.RankedList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Selects the highest-scoring indexes of a dense score array, ties broken by index for determinism. */
final class TopK {
    private TopK() {
    }

    static RankedList of(double[] scores, int k) {
        Integer[] order = IntStream.range(0, scores.length).filter(i -> scores[i] > 0).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
        int n = Math.min(k, order.length);
        int[] items = new int[n];
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            items[i] = order[i];
            values[i] = (float) scores[order[i]];
        }
        return new RankedList(items, values);
    }
}
