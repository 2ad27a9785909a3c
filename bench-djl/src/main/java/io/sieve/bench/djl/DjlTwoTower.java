package io.sieve.bench.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Utils;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sieve's two-tower model (io.sieve.train.cf.TwoTower with the defaults of training.twoTower: one
 * linear layer per tower, mean pooling, no hard negatives) trained with DJL's PyTorch engine on
 * MovieLens-100K, to compare seconds per epoch and validation recall@50 with Sieve's own trainer.
 * Every rating is a positive; each user's newest item (users with at least 3) is held out.
 *
 * <p>Args: [ml-100k directory, default ../shared/data/ml-100k] [epochs, default 15] [threads, default 2].
 */
public final class DjlTwoTower {
    static final int DIM = 64;
    static final int BATCH = 512;
    static final int HISTORY = 200;
    static final int RECALL_AT = 50;
    static final float TEMPERATURE = 0.2f;
    static final double ID_DROPOUT = 0.1;
    static final float LEARNING_RATE = 0.01f;
    static final double INIT_SCALE = 0.1;
    static final long SEED = 42;
    static final String PYTORCH_VERSION = "2.7.1";

    private DjlTwoTower() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/ml-100k");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        configureDjl(threads);
        MovieLens data = MovieLens.load(dir);

        long start = System.nanoTime();
        try (NDManager root = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            System.out.printf("engine start-up: %.2f s (PyTorch %s, %d intra-op threads, native library under %s)%n",
                    (System.nanoTime() - start) / 1e9, root.getEngine().getVersion(), threads,
                    Utils.getEngineCacheDir("pytorch").toAbsolutePath().normalize());
            new Training(root, data).run(epochs);
        }
    }

    /**
     * Offline, this PyTorch only, and native libraries extracted into this module's target/ (never a
     * shared ~/.djl.ai or /tmp). DJL reads environment variables before system properties, so these
     * are defaults that bench/two-tower-engines.sh also sets in the environment.
     */
    private static void configureDjl(int threads) {
        Path cache = targetDirectory().resolve("djl-cache");
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");   // no EC2 telemetry call at engine start
        System.setProperty("PYTORCH_VERSION", PYTORCH_VERSION);
        System.setProperty("PYTORCH_FLAVOR", "cpu");
        System.setProperty("DJL_CACHE_DIR", cache.toString());
        System.setProperty("ENGINE_CACHE_DIR", cache.toString());
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    }

    /** bench-djl/target: the parent of target/classes (or of the module's jar). */
    private static Path targetDirectory() {
        try {
            Path code = Path.of(DjlTwoTower.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Standard normal draws (Box-Muller, as io.sieve.bundle.cf.Factors.gaussian). */
    static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * The ratings as positives: per user, the training items oldest first, and the held-out newest
     * item (−1 for users with fewer than 3 items); each item's genre numbers.
     */
    record MovieLens(int users, int items, int genreCount, int[][] train, int[] heldOut, int[][] genres) {
        static MovieLens load(Path dir) throws IOException {
            List<String> movies = Files.readAllLines(dir.resolve("u.item"), StandardCharsets.ISO_8859_1);
            int items = movies.size();
            // The last 19 fields are genre flags. The first, "unknown", is dropped as Sieve's importer
            // (io.sieve.ingest.MovieLens100k) drops it: an item flagged only "unknown" has no genre.
            int genreCount = 18;
            int[][] genres = new int[items][];
            for (String line : movies) {
                String[] f = line.split("\\|", -1);
                int item = Integer.parseInt(f[0]) - 1;
                genres[item] = java.util.stream.IntStream.range(0, genreCount)
                        .filter(g -> "1".equals(f[f.length - genreCount + g])).toArray();
            }
            List<long[]> ratings = new ArrayList<>();   // user, item, timestamp
            int users = 0;
            for (String line : Files.readAllLines(dir.resolve("u.data"))) {
                String[] f = line.split("\t");
                int user = Integer.parseInt(f[0]) - 1;
                ratings.add(new long[] {user, Integer.parseInt(f[1]) - 1, Long.parseLong(f[3])});
                users = Math.max(users, user + 1);
            }
            // per user in time order, ties by item
            ratings.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                    : a[2] != b[2] ? Long.compare(a[2], b[2]) : Long.compare(a[1], b[1]));
            int[][] train = new int[users][];
            int[] heldOut = new int[users];
            int at = 0;
            for (int u = 0; u < users; u++) {
                int from = at;
                while (at < ratings.size() && ratings.get(at)[0] == u) {
                    at++;
                }
                int[] row = ratings.subList(from, at).stream().mapToInt(r -> (int) r[1]).toArray();
                heldOut[u] = row.length >= 3 ? row[row.length - 1] : -1;
                train[u] = heldOut[u] >= 0 ? Arrays.copyOf(row, row.length - 1) : row;
            }
            return new MovieLens(users, items, genreCount, train, heldOut, genres);
        }

        /** The user's newest training items, at most {@link #HISTORY}, without position {@code skip} (−1: none). */
        int[] history(int user, int skip) {
            int[] row = train[user];
            int[] out = new int[Math.min(HISTORY, row.length - (skip >= 0 ? 1 : 0))];
            int n = 0;
            for (int q = row.length - 1; q >= 0 && n < out.length; q--) {
                if (q != skip) {
                    out[n++] = row[q];
                }
            }
            return out;
        }
    }

    /** One training run: parameters in {@code root}, each batch's and validation's arrays in a sub-manager. */
    static final class Training {
        private static final String[] NAMES = {"itemIds", "genres", "userWeight", "userBias", "itemWeight", "itemBias"};
        private final NDManager root;
        private final MovieLens data;
        private final SplittableRandom random = new SplittableRandom(SEED);
        /** (user << 32 | position in the user's training items) of every example. */
        private final long[] examples;
        private final float[] logQ;
        private final boolean[] trained;
        /** itemIds [items, 64], genres [18, 64], userWeight/itemWeight [64, 64] (x·W), biases [64]. */
        private final NDList parameters;
        /** Each item's genres as a row of 1/count: [items, 18] · genres = each item's mean genre embedding. */
        private final NDArray genreShare;
        /** 1 for items with training examples, whose id embedding the served model keeps (TwoTower.export). */
        private final NDArray idKept;
        /** 1 for items with an id or a genre; the others have no input, and TwoTower.export leaves their vector 0. */
        private final NDArray placed;
        private final Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE))
                .optBeta1(0.9f).optBeta2(0.999f).optEpsilon(1e-8f).build();

        Training(NDManager root, MovieLens data) {
            this.root = root;
            this.data = data;
            List<Long> list = new ArrayList<>();
            for (int u = 0; u < data.users(); u++) {
                if (data.train()[u].length >= 2) {
                    for (int q = 0; q < data.train()[u].length; q++) {
                        list.add(((long) u << 32) | q);
                    }
                }
            }
            examples = list.stream().mapToLong(Long::longValue).toArray();
            int items = data.items();
            float[] counts = new float[items];
            for (long e : examples) {
                counts[item(e)]++;
            }
            logQ = new float[items];
            trained = new boolean[items];
            float[] kept = new float[items];
            float[] hasInput = new float[items];
            for (int i = 0; i < items; i++) {
                trained[i] = counts[i] > 0;
                kept[i] = trained[i] ? 1 : 0;
                hasInput[i] = trained[i] || data.genres()[i].length > 0 ? 1 : 0;
                logQ[i] = trained[i] ? (float) Math.log(counts[i] / examples.length) : 0;
            }
            float[] share = new float[items * data.genreCount()];
            for (int i = 0; i < items; i++) {
                for (int g : data.genres()[i]) {
                    share[i * data.genreCount() + g] = 1f / data.genres()[i].length;
                }
            }
            genreShare = root.create(share, new Shape(items, data.genreCount()));
            idKept = root.create(kept, new Shape(items, 1));
            placed = root.create(hasInput, new Shape(items, 1));
            parameters = new NDList(
                    gaussian(items, DIM, INIT_SCALE, false), gaussian(data.genreCount(), DIM, INIT_SCALE, false),
                    gaussian(DIM, DIM, 0.1 / Math.sqrt(DIM), true), root.zeros(new Shape(DIM)),
                    gaussian(DIM, DIM, 0.1 / Math.sqrt(DIM), true), root.zeros(new Shape(DIM)));
            parameters.forEach(p -> p.setRequiresGradient(true));
        }

        void run(int epochs) {
            System.out.printf("%d users, %d items, %d training examples, %d validation users, batch %d%n",
                    data.users(), data.items(), examples.length,
                    Arrays.stream(data.heldOut()).filter(i -> i >= 0).count(), BATCH);
            double[] seconds = new double[epochs];
            double bestRecall = -1;
            int bestEpoch = 0;
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                shuffle();
                double loss = 0;
                int batches = 0;
                for (int from = 0; from < examples.length; from += BATCH) {
                    loss += batch(from, Math.min(examples.length, from + BATCH));
                    batches++;
                }
                seconds[epoch - 1] = (System.nanoTime() - start) / 1e9;
                double recall = validationRecall();
                System.out.printf("epoch %d: seconds %.2f (training only), loss %.4f, validation recall@%d %.4f%n",
                        epoch, seconds[epoch - 1], loss / batches, RECALL_AT, recall);
                if (recall >= bestRecall) {
                    bestRecall = recall;
                    bestEpoch = epoch;
                }
            }
            Arrays.sort(seconds);
            double median = epochs % 2 == 1 ? seconds[epochs / 2] : (seconds[epochs / 2 - 1] + seconds[epochs / 2]) / 2;
            System.out.printf("median seconds per epoch %.2f, best validation recall@%d %.4f (epoch %d)%n",
                    median, RECALL_AT, bestRecall, bestEpoch);
        }

        /** One Adam step on {@code examples[from .. to)}; returns the batch's mean loss. */
        private double batch(int from, int to) {
            int rows = to - from;
            int[][] histories = new int[rows][];
            long[] columnItem = new long[rows];
            float[] withId = new float[rows];
            float[] columnLogQ = new float[rows];
            long[] diagonal = new long[rows];
            for (int r = 0; r < rows; r++) {
                long e = examples[from + r];
                histories[r] = data.history(user(e), position(e));
                columnItem[r] = item(e);
                withId[r] = random.nextDouble() >= ID_DROPOUT ? 1 : 0;
                columnLogQ[r] = logQ[item(e)];
                diagonal[r] = r;
            }
            // A column holding row r's positive item again is no negative of row r.
            float[] repeats = new float[rows * rows];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < rows; c++) {
                    if (c != r && columnItem[c] == columnItem[r]) {
                        repeats[r * rows + c] = Float.NEGATIVE_INFINITY;
                    }
                }
            }
            try (NDManager m = root.newSubManager()) {
                // Results attach to their first operand's manager: while the parameters are attached
                // here, every intermediate (and each gradient) is freed with this batch.
                parameters.tempAttach(m);
                genreShare.tempAttach(m);
                NDArray columns = m.create(columnItem, new Shape(rows));
                float loss;
                try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                    NDArray ids = parameters.get(0);
                    NDArray genreMeans = genreShare.matMul(parameters.get(1));
                    NDArray users = tower(pool(m, histories, ids.add(genreMeans)), parameters.get(2), parameters.get(3));
                    NDArray itemInputs = take(columns, genreMeans)
                            .add(take(columns, ids).mul(m.create(withId, new Shape(rows, 1))));
                    NDArray items = tower(itemInputs, parameters.get(4), parameters.get(5));
                    NDArray logits = users.matMul(items.transpose()).div(TEMPERATURE)
                            .sub(m.create(columnLogQ, new Shape(1, rows)))
                            .add(m.create(repeats, new Shape(rows, rows)));
                    NDArray lossArray = logits.logSoftmax(1).gather(m.create(diagonal, new Shape(rows, 1)), 1).mean().neg();
                    collector.backward(lossArray);
                    loss = lossArray.getFloat();
                }
                for (int k = 0; k < parameters.size(); k++) {
                    NDArray p = parameters.get(k);
                    adam.update(NAMES[k], p, p.getGradient());   // also zeroes the gradient
                }
                return loss;
            }
        }

        /**
         * The share of validation users whose held-out item scores above all but fewer than
         * {@link #RECALL_AT} of the items outside their history, as TwoTower.validationRecall.
         */
        private double validationRecall() {
            List<Integer> users = new ArrayList<>();
            for (int u = 0; u < data.users(); u++) {
                if (data.heldOut()[u] >= 0) {
                    users.add(u);
                }
            }
            int n = users.size();
            int items = data.items();
            int[][] histories = new int[n][];
            long[] wanted = new long[n];
            float[] seen = new float[n * items];
            for (int k = 0; k < n; k++) {
                histories[k] = data.history(users.get(k), -1);
                wanted[k] = data.heldOut()[users.get(k)];
                for (int i : histories[k]) {
                    seen[k * items + i] = Float.NEGATIVE_INFINITY;
                }
            }
            try (NDManager m = root.newSubManager()) {
                parameters.tempAttach(m);
                genreShare.tempAttach(m);
                idKept.tempAttach(m);
                placed.tempAttach(m);
                // Served inputs: an item without training examples has no trained id (TwoTower.export).
                NDArray inputs = parameters.get(0).mul(idKept).add(genreShare.matMul(parameters.get(1)));
                NDArray itemVectors = tower(inputs, parameters.get(4), parameters.get(5)).mul(placed);
                NDArray userVectors = tower(pool(m, histories, inputs), parameters.get(2), parameters.get(3));
                NDArray scores = userVectors.matMul(itemVectors.transpose()).add(m.create(seen, new Shape(n, items)));
                NDArray wantedScores = scores.gather(m.create(wanted, new Shape(n, 1)), 1);
                NDArray above = scores.gt(wantedScores).toType(DataType.FLOAT32, false).sum(new int[] {1});
                float hits = above.lt(RECALL_AT).toType(DataType.FLOAT32, false).sum().getFloat();
                return hits / n;
            }
        }

        /**
         * Each row's mean of {@code inputs} over its items, as a dense [rows, items] matrix of 1/count
         * times the [items, 64] inputs: on ml-100k's 1,682 items this GEMM (and its backward) is about
         * ten times faster than gathering [rows, 200, 64] with torch.embedding, whose CPU backward is slow.
         */
        private static NDArray pool(NDManager m, int[][] rows, NDArray inputs) {
            int items = Math.toIntExact(inputs.getShape().get(0));
            float[] shares = new float[rows.length * items];
            for (int r = 0; r < rows.length; r++) {
                for (int item : rows[r]) {
                    shares[r * items + item] += 1f / rows[r].length;
                }
            }
            return m.create(shares, new Shape(rows.length, items)).matMul(inputs);
        }

        /** Rows of {@code table} by index (torch.embedding: its backward adds into the table's gradient). */
        private static NDArray take(NDArray indexes, NDArray table) {
            return Embedding.embedding(indexes, table, SparseFormat.DENSE).singletonOrThrow();
        }

        /** A linear tower, x·W + b, brought to unit length (torch normalize: x / max(|x|, 1e-12)). */
        private static NDArray tower(NDArray x, NDArray weight, NDArray bias) {
            return x.matMul(weight).add(bias).normalize(2, 1, 1e-12);
        }

        /** N(0, scale²) values; {@code identity}: plus the identity, as TrainableDense starts a square linear layer. */
        private NDArray gaussian(int rows, int columns, double scale, boolean identity) {
            float[] values = new float[rows * columns];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (DjlTwoTower.gaussian(random) * scale);
            }
            if (identity) {
                for (int d = 0; d < rows; d++) {
                    values[d * columns + d] += 1;
                }
            }
            return root.create(values, new Shape(rows, columns));
        }

        private void shuffle() {
            for (int i = examples.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                long t = examples[i];
                examples[i] = examples[j];
                examples[j] = t;
            }
        }

        private int item(long example) {
            return data.train()[user(example)][position(example)];
        }

        private static int user(long example) {
            return (int) (example >>> 32);
        }

        private static int position(long example) {
            return (int) example;
        }
    }
}
