package io.sieve.rerank;

/**
 * Chooses an order of the candidates that trades relevance for variety. Found by name
 * ({@code rerank.diversity}) through {@link java.util.ServiceLoader}: a new one is a class with a
 * {@link Factory} and one line in {@code META-INF/services/io.sieve.rerank.Diversifier$Factory}.
 */
public interface Diversifier {
    /**
     * @param relevance each candidate's relevance, scaled to [0, 1]
     * @param vectors   unit vectors whose dot products are similarities
     * @param k         how many to choose
     * @return indexes of the chosen candidates, in slate order
     */
    int[] select(double[] relevance, float[][] vectors, int k);

    /** Makes the diversifier called {@link #name()} with the configured trade-off ({@code rerank.lambda}). */
    interface Factory {
        String name();

        Diversifier create(double lambda);
    }
}
