package io.sieve.ann;

import java.util.BitSet;
import java.util.Random;
import java.util.function.IntPredicate;

/**
 * A seeded random share of the item ordinals, as a search filter: the stand-in for availability
 * or category filters in tests and benchmarks, uncorrelated with where items lie.
 */
public final class RandomSubset implements IntPredicate {
    private final BitSet members;

    public RandomSubset(int count, double share, long seed) {
        Random random = new Random(seed);
        members = new BitSet(count);
        for (int item = 0; item < count; item++) {
            if (random.nextDouble() < share) {
                members.set(item);
            }
        }
    }

    @Override
    public boolean test(int item) {
        return members.get(item);
    }
}
