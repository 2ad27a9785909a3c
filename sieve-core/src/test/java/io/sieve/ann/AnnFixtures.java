package io.sieve.ann;

import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;

/** Seeded data shared by the ANN tests. */
final class AnnFixtures {
    static final int DIM = 32;
    static final ClusteredVectors CLUSTERS = new ClusteredVectors(DIM, 50, 1.0f, 11);

    private AnnFixtures() {
    }

    static float[] items(int count) {
        return CLUSTERS.sample(count, 12);
    }

    static float[] query(int index) {
        return CLUSTERS.sample(1, 1000 + index);
    }

    /** Accepts a seeded random {@code share} of {@code count} items. */
    static IntPredicate randomShare(int count, double share, long seed) {
        Random random = new Random(seed);
        BitSet accepted = new BitSet(count);
        for (int i = 0; i < count; i++) {
            if (random.nextDouble() < share) {
                accepted.set(i);
            }
        }
        return accepted::get;
    }

    static int[] items(List<Neighbour> neighbours) {
        return neighbours.stream().mapToInt(Neighbour::item).toArray();
    }
}
