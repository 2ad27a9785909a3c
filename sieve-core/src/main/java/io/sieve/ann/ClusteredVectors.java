package io.sieve.ann;

import java.util.Random;

/**
 * Seeded synthetic item vectors shaped like learned embeddings: items gather around a number of
 * taste clusters. Uniform random vectors would be the worst case for a graph index and unlike
 * real catalogs; tests and benchmarks use these instead, items and queries from the same clusters.
 */
public final class ClusteredVectors {
    private final int dim;
    private final int clusters;
    private final float spread;
    private final float[] centres;

    /** {@code spread} is the noise around a centre relative to the centre's unit length. */
    public ClusteredVectors(int dim, int clusters, float spread, long seed) {
        this.dim = dim;
        this.clusters = clusters;
        this.spread = spread;
        this.centres = gaussian(clusters * dim, 1, new Random(seed));
        VectorMath.normaliseRows(centres, dim);
    }

    /** {@code count} unit vectors, row-major: each a random centre plus Gaussian noise, normalised. */
    public float[] sample(int count, long seed) {
        Random random = new Random(seed);
        float[] vectors = gaussian(count * dim, spread / (float) Math.sqrt(dim), random);
        for (int item = 0; item < count; item++) {
            int centre = random.nextInt(clusters) * dim;
            for (int i = 0; i < dim; i++) {
                vectors[item * dim + i] += centres[centre + i];
            }
        }
        VectorMath.normaliseRows(vectors, dim);
        return vectors;
    }

    private static float[] gaussian(int n, float scale, Random random) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian() * scale;
        }
        return values;
    }
}
