package io.sieve.train;

import io.sieve.ann.ItemIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers item ids in the order they are first seen, while the log is read; the bundle's item
 * index (ids sorted) is only known at the end, so the numbers are then mapped onto it.
 */
final class ItemNumbers {
    private final Map<String, Integer> numbers = new HashMap<>();
    private final List<String> ids = new ArrayList<>();

    int of(String id) {
        Integer n = numbers.get(id);
        if (n == null) {
            n = ids.size();
            numbers.put(id, n);
            ids.add(id);
        }
        return n;
    }

    int size() {
        return ids.size();
    }

    /** Every id seen, sorted. */
    ItemIndex sorted() {
        return new ItemIndex(ids.stream().sorted().toList());
    }

    /** For each number, the item's position in {@code index}. */
    int[] renumbering(ItemIndex index) {
        int[] to = new int[ids.size()];
        for (int n = 0; n < to.length; n++) {
            to[n] = index.indexOf(ids.get(n));
        }
        return to;
    }
}
