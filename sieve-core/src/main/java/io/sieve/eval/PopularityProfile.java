package io.sieve.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalog ordered by how many training users chose each item: the popularity decile of every
 * item (decile 0 the most popular tenth of the catalog, items nobody chose last) and the short
 * head, the most popular items that together hold half of the training interactions. What the
 * popularity-bias figures measure recommendations against: a list drawn from the head only
 * reinforces what is already popular; the long tail is everything else.
 */
public final class PopularityProfile {
    static final int DECILES = 10;

    private final Map<String, Integer> decile = new HashMap<>();
    private final Set<String> head = new HashSet<>();
    private final Map<String, Integer> usersPerItem;
    private final int trainUsers;
    private final double[] trainingShares = new double[DECILES];

    PopularityProfile(List<String> catalog, Map<String, Integer> usersPerItem, int trainUsers) {
        this.usersPerItem = usersPerItem;
        this.trainUsers = trainUsers;
        List<String> ordered = new ArrayList<>(catalog);
        // Ties by id: the same split gives the same deciles.
        ordered.sort(Comparator.comparingInt((String id) -> -usersPerItem.getOrDefault(id, 0)).thenComparing(id -> id));
        long total = ordered.stream().mapToLong(id -> usersPerItem.getOrDefault(id, 0)).sum();
        long held = 0;
        for (int rank = 0; rank < ordered.size(); rank++) {
            String id = ordered.get(rank);
            int d = (int) ((long) rank * DECILES / ordered.size());
            decile.put(id, d);
            int users = usersPerItem.getOrDefault(id, 0);
            trainingShares[d] += total == 0 ? 0 : (double) users / total;
            if (held * 2 < total) {
                head.add(id);
            }
            held += users;
        }
    }

    /** Share of the recommended slots that go to items outside the short head. */
    double longTailShare(List<String> ranked) {
        if (ranked.isEmpty()) {
            return Double.NaN;
        }
        return ranked.stream().filter(id -> !head.contains(id)).count() / (double) ranked.size();
    }

    /** Mean share of training users who chose each recommended item (average recommendation popularity). */
    double meanPopularity(List<String> ranked) {
        if (ranked.isEmpty() || trainUsers == 0) {
            return Double.NaN;
        }
        return ranked.stream().mapToDouble(id -> usersPerItem.getOrDefault(id, 0) / (double) trainUsers).average().orElse(0);
    }

    /** Adds each slot of {@code ranked} to the count of its item's decile. */
    void countDeciles(List<String> ranked, long[] counts) {
        for (String id : ranked) {
            Integer d = decile.get(id);
            if (d != null) {
                counts[d]++;
            }
        }
    }

    /** Share of the training interactions held by each decile, the most popular first: the catalog's long-tail curve. */
    List<Double> trainingShares() {
        List<Double> out = new ArrayList<>(DECILES);
        for (double s : trainingShares) {
            out.add(s);
        }
        return Collections.unmodifiableList(out);
    }
}
