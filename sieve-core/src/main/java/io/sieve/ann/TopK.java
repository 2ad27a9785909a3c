package io.sieve.ann;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The best {@code k} (item, score) pairs seen so far: a min-heap on primitive arrays, so a scan
 * over a million items allocates nothing per item. Ties on score go to the lower ordinal, which
 * makes results independent of the order items are offered in. Sieve's one top-k: vector search,
 * sources that score a dense array or a sparse map, and the trained popularity lists all use it.
 */
public final class TopK {
    public static final Comparator<Neighbour> BEST_FIRST =
            Comparator.comparingDouble((Neighbour n) -> n.score()).reversed().thenComparingInt(Neighbour::item);

    /** Items scanned between two looks at the interrupt flag: cheap, yet well under a millisecond. */
    private static final int INTERRUPT_CHECK_MASK = (1 << 12) - 1;

    private final int[] items;
    private final double[] scores;
    private int size;

    /** Scores an item against the query at hand. */
    public interface Scorer {
        double score(int item);
    }

    public TopK(int k) {
        items = new int[Math.max(0, k)];
        scores = new double[Math.max(0, k)];
    }

    /**
     * The best {@code k} of the {@code count} items that {@code accept} lets through, asking the
     * filter first and scoring only what it lets through: for a filter that refuses most items, as
     * when a graph index falls back to a scan because few items are eligible.
     */
    public static List<Neighbour> scan(int count, int k, IntPredicate accept, Scorer scorer) {
        return scan(count, k, accept, scorer, false);
    }

    /**
     * The same best {@code k}, scoring every item first and asking the filter only about those
     * whose score would enter the list: for a filter that lets most items through and costs more
     * than a score, as a request's eligibility (catalog lookups, rules) does against a dot product
     * in an exact index. Once the list is full few items get that far.
     */
    public static List<Neighbour> scanScoringFirst(int count, int k, IntPredicate accept, Scorer scorer) {
        return scan(count, k, accept, scorer, true);
    }

    /** An interrupted thread gets the best of the items scanned so far. */
    private static List<Neighbour> scan(int count, int k, IntPredicate accept, Scorer scorer, boolean scoreFirst) {
        if (k <= 0 || count == 0) {
            return List.of();
        }
        TopK top = new TopK(Math.min(k, count));
        for (int item = 0; item < count; item++) {
            if ((item & INTERRUPT_CHECK_MASK) == 0 && Thread.currentThread().isInterrupted()) {
                break;
            }
            if (scoreFirst) {
                double score = scorer.score(item);
                if (top.takes(item, score) && accept.test(item)) {
                    top.offer(item, score);
                }
            } else if (accept.test(item)) {
                top.offer(item, scorer.score(item));
            }
        }
        return top.toList();
    }

    /**
     * Whether an item with this score would enter now: lets a caller skip an expensive check
     * (is the item eligible?) for items that could not make the list anyway.
     */
    public boolean takes(int item, double score) {
        return size < items.length || size > 0 && worse(items[0], scores[0], item, score);
    }

    public void offer(int item, double score) {
        if (size < items.length) {
            items[size] = item;
            scores[size] = score;
            siftUp(size++);
        } else if (size > 0 && worse(items[0], scores[0], item, score)) {
            items[0] = item;
            scores[0] = score;
            siftDown(0);
        }
    }

    /** Best first. */
    public List<Neighbour> toList() {
        List<Neighbour> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Neighbour(items[i], (float) scores[i]));
        }
        out.sort(BEST_FIRST);
        return out;
    }

    /** The items kept, best first (ties by the lower item). */
    public int[] items() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> worse(items[x], scores[x], items[y], scores[y]) ? 1
                : worse(items[y], scores[y], items[x], scores[x]) ? -1 : 0);
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = items[order[i]];
        }
        return out;
    }

    /** The positions of the {@code k} best positive scores, best first. */
    public static int[] positive(double[] scores, int k) {
        TopK top = new TopK(k);
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > 0) {
                top.offer(i, scores[i]);
            }
        }
        return top.items();
    }

    /** Whether (item a, score a) ranks below (item b, score b). */
    private static boolean worse(int a, double scoreA, int b, double scoreB) {
        return scoreA < scoreB || (scoreA == scoreB && a > b);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(items[i], scores[i], items[parent], scores[parent])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int worst = i;
            int left = 2 * i + 1;
            int right = left + 1;
            if (left < size && worse(items[left], scores[left], items[worst], scores[worst])) {
                worst = left;
            }
            if (right < size && worse(items[right], scores[right], items[worst], scores[worst])) {
                worst = right;
            }
            if (worst == i) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int i, int j) {
        int item = items[i];
        items[i] = items[j];
        items[j] = item;
        double score = scores[i];
        scores[i] = scores[j];
        scores[j] = score;
    }
}
