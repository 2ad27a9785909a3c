package io.sieve.ann;

import static io.sieve.ann.AnnFixtures.DIM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorIndexesTest {
    private static final int COUNT = 5_000;
    private static final AnnParams SMALL_GRAPH = new AnnParams(1_000, 8, 40, 1.2f, 1.2f, 4);

    @TempDir
    Path dir;

    @Test
    void smallCatalogsAreScannedAndLargeOnesGetAGraph() {
        float[] vectors = AnnFixtures.items(COUNT);
        assertInstanceOf(ExactVectorIndex.class, VectorIndexes.build(vectors, COUNT, DIM, AnnParams.defaults()));
        assertInstanceOf(HnswVectorIndex.class, VectorIndexes.build(vectors, COUNT, DIM, SMALL_GRAPH));
    }

    @Test
    void anExactIndexReadBackSearchesAlike() throws Exception {
        assertRoundTrip(VectorIndexes.build(AnnFixtures.items(COUNT), COUNT, DIM, AnnParams.defaults()));
    }

    @Test
    void aGraphIndexReadBackSearchesAlike() throws Exception {
        assertRoundTrip(VectorIndexes.build(AnnFixtures.items(COUNT), COUNT, DIM, SMALL_GRAPH));
    }

    @Test
    void aGraphFileMappedInChunksSearchesAlike() throws Exception {
        HnswVectorIndex written = (HnswVectorIndex) VectorIndexes.build(AnnFixtures.items(COUNT), COUNT, DIM, SMALL_GRAPH);
        VectorIndexes.write(written, dir, "items");
        List<float[]> rows = new ArrayList<>();
        VectorFile.read(dir.resolve("items.vectors.f32"), COUNT, DIM, rows::add);
        // A limit of 0 maps every file in chunks, as a graph file past 2 GB is.
        HnswVectorIndex chunked = HnswVectorIndex.open(dir.resolve("items.graph"), rows, DIM, SMALL_GRAPH, 0);
        for (int q = 0; q < 50; q++) {
            float[] query = AnnFixtures.query(q);
            assertEquals(written.search(query, 10, i -> true), chunked.search(query, 10, i -> true));
        }
    }

    private void assertRoundTrip(VectorIndex written) throws Exception {
        VectorIndexes.write(written, dir, "items");
        VectorIndex read = VectorIndexes.read(dir, "items");
        assertEquals(written.getClass(), read.getClass());
        assertEquals(written.size(), read.size());
        assertEquals(written.dimension(), read.dimension());
        assertArrayEquals(written.vector(COUNT - 1), read.vector(COUNT - 1));
        IntPredicate accept = new RandomSubset(COUNT, 0.1, 9);
        for (int q = 0; q < 50; q++) {
            float[] query = AnnFixtures.query(q);
            assertEquals(written.search(query, 10, i -> true), read.search(query, 10, i -> true));
            assertEquals(written.search(query, 20, accept), read.search(query, 20, accept));
        }
    }
}
