package io.sieve.ann;

import io.github.jbellis.jvector.disk.MappedChunkReader;
import io.github.jbellis.jvector.disk.SimpleMappedReader;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.disk.OnDiskGraphIndex;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorUtil;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntPredicate;

/**
 * A jvector graph (Vamana with an HNSW hierarchy on top) over the item vectors. The filter is
 * handed to jvector as the accepted ordinals, so the graph walk goes on until it has {@code k}
 * acceptable items instead of dropping rejected ones afterwards.
 *
 * <p>That walk visits about {@code 1 / share} times more nodes when a filter accepts only a
 * {@code share} of the items, while scanning just the accepted items gets cheaper: with 0.1% of
 * 100k items accepted the walk took 63 ms, the scan 0.13 ms. So each filtered search first tests
 * the filter on a fixed sample of items and scans exactly when the share is below the measured
 * crossover (see {@link #SCAN_CROSSOVER}).
 *
 * <p>A freshly built index keeps its graph on the heap; one read back from a bundle maps jvector's
 * graph file (off-heap, released by the garbage collector with the index) and scores against the
 * vectors from the flat vector file, so both search the same graph with the same vectors.
 */
public final class HnswVectorIndex implements VectorIndex {
    static {
        Vectorization.choose();
    }

    private static final VectorTypeSupport VECTORS = VectorizationProvider.getInstance().getVectorTypeSupport();
    private static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;
    /**
     * The walk costs about {@code c / share}, the scan about {@code items × share}, so they meet
     * at {@code share = √(c / items)}. Measured at 64 dimensions with the default parameters the
     * crossover is 25–30 / √items (8–9% of 100k items, 2.5–3% of a million); near it both cost
     * the same, so the lower end is taken.
     */
    private static final double SCAN_CROSSOVER = 25;
    private static final int SHARE_SAMPLE = 1_024;

    private final ImmutableGraphIndex graph;
    private final RandomAccessVectorValues vectors;
    private final AnnParams params;
    private final int[] shareSample;
    private final double scanBelowShare;
    /** jvector searchers keep per-search scratch state, so each search borrows one of its own. */
    private final Queue<GraphSearcher> searchers = new ConcurrentLinkedQueue<>();

    private HnswVectorIndex(ImmutableGraphIndex graph, RandomAccessVectorValues vectors, AnnParams params) {
        this.graph = graph;
        this.vectors = vectors;
        this.params = params;
        this.shareSample = new SplittableRandom(vectors.size())
                .ints(Math.min(SHARE_SAMPLE, vectors.size()), 0, Math.max(1, vectors.size())).toArray();
        this.scanBelowShare = SCAN_CROSSOVER / Math.sqrt(vectors.size());
    }

    /**
     * Builds the graph over {@code vectors} (row-major, {@code count × dim}), which are copied, on
     * {@code threads} threads. Nodes are inserted concurrently, so only {@code threads = 1} gives
     * the same graph on every run; jvector's own randomness (the layer of each node) is seeded.
     */
    public static HnswVectorIndex build(float[] vectors, int count, int dim, AnnParams params, int threads) {
        VectorIndexes.requireShape(vectors, count, dim);
        List<float[]> copies = new ArrayList<>(count);
        for (int item = 0; item < count; item++) {
            copies.add(Arrays.copyOfRange(vectors, item * dim, (item + 1) * dim));
        }
        RandomAccessVectorValues rows = wrap(copies, dim);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try (GraphIndexBuilder builder = GraphIndexBuilder.builder(rows, SIMILARITY, params.m())
                .withBeamWidth(params.beamWidth())
                .withNeighborOverflow(params.neighborOverflow())
                .withAlpha(params.alpha())
                .withSimdExecutor(pool)
                .withParallelExecutor(pool)
                .build()) {
            return new HnswVectorIndex(builder.build(rows), rows, params);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Opens a graph written by {@link #writeGraph} over the same vectors, one array per item. The
     * file is memory-mapped as one buffer (the reader the searches were measured with) up to the
     * 2 GB one buffer can hold, and in chunks beyond: it keeps a copy of every vector beside the
     * links, so a million items of 1,024 dimensions make a 4 GB file.
     */
    static HnswVectorIndex open(Path graphFile, List<float[]> rows, int dim, AnnParams params) throws IOException {
        return open(graphFile, rows, dim, params, Integer.MAX_VALUE);
    }

    /** {@link #open(Path, List, int, AnnParams)}, mapping files of {@code oneBufferLimit} bytes or more in chunks. */
    static HnswVectorIndex open(Path graphFile, List<float[]> rows, int dim, AnnParams params, long oneBufferLimit) throws IOException {
        OnDiskGraphIndex graph = OnDiskGraphIndex.load(Files.size(graphFile) < oneBufferLimit
                ? new SimpleMappedReader.Supplier(graphFile)
                : new MappedChunkReader.Supplier(graphFile));
        if (graph.size(0) != rows.size() || graph.getDimension() != dim) {
            throw new IOException(graphFile + " holds " + graph.size(0) + " × " + graph.getDimension()
                    + " vectors, the vector file " + rows.size() + " × " + dim);
        }
        return new HnswVectorIndex(graph, wrap(rows, dim), params);
    }

    /**
     * The same graph searched with another {@code overquery}: it is a search-time setting, so a
     * served index can trade speed for recall without a rebuild.
     */
    public HnswVectorIndex withOverquery(int overquery) {
        AnnParams p = params;
        return new HnswVectorIndex(graph, vectors,
                new AnnParams(p.exactBelow(), p.m(), p.beamWidth(), p.neighborOverflow(), p.alpha(), overquery));
    }

    void writeGraph(Path graphFile) throws IOException {
        OnDiskGraphIndex.write(graph, vectors, graphFile);
    }

    /** The parameters the graph was built with, and the overquery its searches use. */
    public AnnParams params() {
        return params;
    }

    @Override
    public int size() {
        return vectors.size();
    }

    @Override
    public int dimension() {
        return vectors.dimension();
    }

    @Override
    public List<Neighbour> search(float[] query, int k, IntPredicate accept) {
        VectorIndexes.requireDimension(query, dimension());
        int n = Math.min(k, size());
        if (n <= 0 || Thread.currentThread().isInterrupted()) {
            return List.of();
        }
        VectorFloat<?> q = VECTORS.createFloatVector(query);
        if (!acceptsAtLeast(accept, scanBelowShare)) {
            return TopK.scan(size(), n, accept, item -> VectorUtil.dotProduct(q, vectors.getVector(item)));
        }
        int beam = Math.min(size(), Math.max(n, n * params.overquery()));
        SearchResult result;
        GraphSearcher searcher = borrowSearcher();
        try {
            result = searcher.search(DefaultSearchScoreProvider.exact(q, SIMILARITY, vectors), n, beam,
                    Float.NEGATIVE_INFINITY, 0f, accept::test);
        } finally {
            searchers.offer(searcher);
        }
        List<Neighbour> out = new ArrayList<>(result.getNodes().length);
        for (SearchResult.NodeScore node : result.getNodes()) {
            // jvector ranks by (1 + dot) / 2; callers get the dot product itself, as from the exact index.
            out.add(new Neighbour(node.node, VectorUtil.dotProduct(q, vectors.getVector(node.node))));
        }
        out.sort(TopK.BEST_FIRST);
        return out;
    }

    @Override
    public float[] vector(int item) {
        VectorFloat<?> row = vectors.getVector(item);
        float[] copy = new float[row.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = row.get(i);
        }
        return copy;
    }

    /**
     * Whether {@code accept} takes at least {@code share} of the sampled items. It stops as soon as
     * enough were accepted: the same answer as counting the whole sample, but where the filter
     * takes most items (it usually only hides what the user has seen) it is tested on a few dozen
     * items instead of all {@value #SHARE_SAMPLE}, and each test costs a catalog lookup.
     */
    private boolean acceptsAtLeast(IntPredicate accept, double share) {
        int needed = (int) Math.ceil(share * shareSample.length);
        int accepted = 0;
        for (int i = 0; i < shareSample.length && accepted < needed; i++) {
            if (shareSample.length - i < needed - accepted) {
                return false;
            }
            accepted += accept.test(shareSample[i]) ? 1 : 0;
        }
        return accepted >= needed;
    }

    private GraphSearcher borrowSearcher() {
        GraphSearcher searcher = searchers.poll();
        return searcher != null ? searcher : new GraphSearcher(graph);
    }

    private static RandomAccessVectorValues wrap(List<float[]> rows, int dim) {
        List<VectorFloat<?>> vectors = new ArrayList<>(rows.size());
        for (float[] row : rows) {
            vectors.add(VECTORS.createFloatVector(row));
        }
        return new ListRandomAccessVectorValues(vectors, dim);
    }
}
