package io.sieve.ann;

import java.util.List;

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

    static int[] items(List<Neighbour> neighbours) {
        return neighbours.stream().mapToInt(Neighbour::item).toArray();
    }
}
