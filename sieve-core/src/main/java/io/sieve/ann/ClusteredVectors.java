package io.sieve.ann;

import java.util.Random;

/**
 * Seeded synthetic item vectors shaped like learned embeddings: items gather around taste
 * clusters, and the spread around a centre is concentrated in a few directions, the way the
 * singular values of an interaction matrix fall off (here the i-th direction carries a share of
 * the noise proportional to 1 / i). Isotropic noise would make all 64 directions matter equally,
 * which is the worst case for a graph index and unlike real factors. Tests and benchmarks draw
 * items and queries from the same clusters.
 */
public final class ClusteredVectors {
    private final int dim;
    private final int clusters;
    private final float[] centres;
    private final float[] noiseScale;

    /** {@code spread} is the length of the noise around a centre relative to the centre's unit length. */
    public ClusteredVectors(int dim, int clusters, float spread, long seed) {
        this.dim = dim;
        this.clusters = clusters;
        this.centres = new float[clusters * dim];
        Random random = new Random(seed);
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) random.nextGaussian();
        }
        VectorMath.normaliseRows(centres, dim);
        this.noiseScale = noiseScale(dim, spread);
    }

    /** {@code count} unit vectors, row-major: each a random centre plus noise, normalised. */
    public float[] sample(int count, long seed) {
        Random random = new Random(seed);
        float[] vectors = new float[count * dim];
        for (int item = 0; item < count; item++) {
            int centre = random.nextInt(clusters) * dim;
            for (int i = 0; i < dim; i++) {
                vectors[item * dim + i] = centres[centre + i] + noiseScale[i] * (float) random.nextGaussian();
            }
        }
        VectorMath.normaliseRows(vectors, dim);
        return vectors;
    }

    /** Standard deviations whose variances fall off as 1 / i and add up to {@code spread²}. */
    private static float[] noiseScale(int dim, float spread) {
        double harmonic = 0;
        for (int i = 1; i <= dim; i++) {
            harmonic += 1.0 / i;
        }
        float[] scale = new float[dim];
        for (int i = 0; i < dim; i++) {
            scale[i] = (float) (spread * Math.sqrt(1.0 / (i + 1) / harmonic));
        }
        return scale;
    }
}
