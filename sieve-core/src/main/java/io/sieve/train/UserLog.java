package io.sieve.train;

import java.util.Arrays;

/** One user's events while the log is read: item number, weight and millisecond, in log order. */
final class UserLog {
    private int[] items = new int[4];
    private double[] weights = new double[4];
    private long[] times = new long[4];
    private int size;

    void add(int item, double weight, long millis) {
        if (size == items.length) {
            int grown = size + (size >> 1) + 1;
            items = Arrays.copyOf(items, grown);
            weights = Arrays.copyOf(weights, grown);
            times = Arrays.copyOf(times, grown);
        }
        items[size] = item;
        weights[size] = weight;
        times[size] = millis;
        size++;
    }

    /**
     * Each item once, its weights summed in log order, ordered by its latest event; items whose
     * latest events share a millisecond keep the order in which they were first seen.
     *
     * @param renumber the final index of each item number
     */
    Interactions.UserItems condense(String user, int[] renumber) {
        long[] byItem = new long[size];
        for (int p = 0; p < size; p++) {
            byItem[p] = (long) items[p] << 32 | p;
        }
        Arrays.sort(byItem);
        int distinct = 0;
        int[] groupItem = new int[size];
        double[] groupWeight = new double[size];
        long[] groupLatest = new long[size];
        int[] groupFirst = new int[size];
        for (int k = 0; k < size; k++) {
            int item = (int) (byItem[k] >>> 32);
            int p = (int) byItem[k];
            if (k == 0 || item != groupItem[distinct - 1]) {
                groupItem[distinct] = item;
                groupFirst[distinct] = p;
                groupLatest[distinct] = times[p];
                groupWeight[distinct++] = weights[p];
            } else {
                groupWeight[distinct - 1] += weights[p];
                groupLatest[distinct - 1] = Math.max(groupLatest[distinct - 1], times[p]);
            }
        }
        Integer[] order = new Integer[distinct];
        Arrays.setAll(order, g -> g);
        Arrays.sort(order, (a, b) -> groupLatest[a] != groupLatest[b]
                ? Long.compare(groupLatest[a], groupLatest[b])
                : Integer.compare(groupFirst[a], groupFirst[b]));
        int[] outItems = new int[distinct];
        float[] outWeights = new float[distinct];
        long[] outTimes = new long[distinct];
        for (int k = 0; k < distinct; k++) {
            outItems[k] = renumber[groupItem[order[k]]];
            outWeights[k] = (float) groupWeight[order[k]];
            outTimes[k] = groupLatest[order[k]];
        }
        return new Interactions.UserItems(user, outItems, outWeights, outTimes);
    }
}
