package io.sieve.rerank;

/** Chooses an order of the candidates that trades relevance for variety. */
interface Diversifier {
    /**
     * @param relevance each candidate's relevance, scaled to [0, 1]
     * @param vectors   unit vectors whose dot products are similarities
     * @param k         how many to choose
     * @return indexes of the chosen candidates, in slate order
     */
    int[] select(double[] relevance, float[][] vectors, int k);
}
