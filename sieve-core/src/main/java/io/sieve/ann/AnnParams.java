package io.sieve.ann;

/**
 * How item vectors are indexed.
 *
 * @param exactBelow       catalogs smaller than this are scanned exactly: the scan is fast enough
 *                         there and has perfect recall
 * @param m                the graph's maximum number of neighbours per node (HNSW's M)
 * @param beamWidth        candidates kept while inserting a node (HNSW's efConstruction)
 * @param neighborOverflow how far a node's neighbour list may overfill before it is pruned back
 *                         to {@code m} during the build
 * @param alpha            diversity of the kept neighbours (Vamana's alpha); above 1 keeps some
 *                         longer edges, which helps clustered data
 * @param overquery        the search keeps {@code k × overquery} candidates (HNSW's efSearch)
 *                         and returns the best {@code k}
 */
public record AnnParams(int exactBelow, int m, int beamWidth, float neighborOverflow, float alpha, int overquery) {
    public AnnParams {
        require(exactBelow >= 0, "exactBelow must not be negative");
        require(m >= 2, "m must be at least 2");
        require(beamWidth >= 1, "beamWidth must be positive");
        require(neighborOverflow >= 1, "neighborOverflow must be at least 1");
        require(alpha > 0, "alpha must be positive");
        require(overquery >= 1, "overquery must be at least 1");
    }

    public static AnnParams defaults() {
        return new AnnParams(20_000, 16, 100, 1.2f, 1.2f, 4);
    }

    private static void require(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message);
        }
    }
}
