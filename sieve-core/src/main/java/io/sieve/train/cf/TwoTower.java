package io.sieve.train.cf;

import io.sieve.ann.VectorMath;
import io.sieve.bundle.cf.DenseLayer;
import io.sieve.bundle.cf.Factors;
import io.sieve.bundle.cf.TwoTowerMembers;
import io.sieve.bundle.cf.TwoTowerModel;
import io.sieve.bundle.cf.Vocabulary;
import io.sieve.train.progress.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a two-tower retrieval model: a user tower over the mean embedding of the user's latest
 * items plus that of the user's attributes (and, when read, of the hour and weekday the item was
 * chosen at), an item tower over the item's id, categories, tags and
 * content vector (a learned projection), both ending at unit length, trained
 * so that a user's next item scores above the batch's other items (in-batch sampled softmax with
 * the log-Q correction, optionally mixed with hard negatives: the best-scoring of a random pool of
 * items the user did not choose). Every interaction is one example, its history the user's other
 * items. The newest item of a sample of users is held out; training stops when their recall stops
 * improving, and the model of the latest epoch within a standard error of the best is kept
 * ({@link EarlyStopping}), or, with {@code refit}, a model trained afresh on every interaction for as
 * many epochs as that one took. With {@code members} above 1 that many models are trained so, each
 * from its own seed, and joined into one ({@link TwoTowerMembers}). Every random draw comes from the seed, and
 * each parallel value is computed by one thread, so a seed gives one model whatever the threads.
 */
public final class TwoTower {
    private static final Logger LOG = LoggerFactory.getLogger(TwoTower.class);
    /** Validation recall counts the held-out item found among this many. */
    static final int RECALL_AT = 50;

    /**
     * @param layers           dense layers per tower: 1 (linear) or 2 (ReLU, then linear)
     * @param temperature      scores are cosine / temperature in the softmax
     * @param attention        pool the history by a learned weight per item (a softmax) instead of the mean
     * @param historyLength    the user's newest items the user tower pools
     * @param hardNegatives    extra negatives per batch, each the best-scoring of {@code hardNegativePool} random items
     * @param idDropout        how often a positive item is shown to the item tower without its id, so that
     *                         categories and tags learn to place items nobody has chosen yet
     * @param historyDropout   how often a user with attributes is shown without their history, so that the
     *                         attributes learn to place users who have chosen nothing
     * @param validationUsers  users whose newest item is held out for early stopping
     * @param patience         epochs without a better validation recall before training stops
     * @param refit            once early stopping has chosen its epoch, train again from the start on every
     *                         interaction, the held-out ones too, for that many epochs
     * @param members          models trained alike from different seeds (the first from {@code seed}) and joined
     *                         into one that scores by the mean of their cosines ({@link TwoTowerMembers})
     * @param logQCorrection   subtract from each column's logit the log of how often its item is expected among the
     *                         batch's columns: in proportion to popularity as a positive, uniformly as a mined negative's pool
     * @param logQWeight       the correction's weight: above 1 it leans further toward popular items
     * @param threads          0: every core; the model does not depend on it
     */
    public record Params(int dimension, int layers, double temperature, int batchSize, int epochs, double learningRate,
                         boolean attention, int historyLength, int hardNegatives, int hardNegativePool, double idDropout,
                         double historyDropout, int validationUsers, int patience, boolean refit, int members, boolean logQCorrection, double logQWeight,
                         long seed, int threads) {
    }

    private final Params p;

    public TwoTower(Params params) {
        this.p = params;
    }

    public TwoTowerModel fit(InteractionMatrix matrix, CatalogAttributes attributes) {
        int threads = p.threads() > 0 ? p.threads() : Runtime.getRuntime().availableProcessors();
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            TrainableDense.Parallel parallel = TrainableDense.Parallel.on(pool);
            List<TwoTowerModel> members = new ArrayList<>();
            SplittableRandom seeds = new SplittableRandom(p.seed());
            for (int m = 0; m < p.members(); m++) {
                long seed = m == 0 ? p.seed() : seeds.nextLong();
                if (p.members() > 1) {
                    LOG.info("two-tower: member {} of {}, seed {}", m + 1, p.members(), seed);
                }
                members.add(fitOne(matrix, attributes, parallel, seed));
            }
            return TwoTowerMembers.join(members);
        } finally {
            pool.shutdown();
        }
    }

    private TwoTowerModel fitOne(InteractionMatrix matrix, CatalogAttributes attributes, TrainableDense.Parallel parallel, long seed) {
        Run validated = new Run(matrix, attributes, parallel, true, seed);
        TwoTowerModel best = validated.train();
        if (!p.refit()) {
            return best;
        }
        int epochs = validated.keptEpoch;
        validated = null;   // the validated run's tables can go before the second run allocates its own
        best = null;
        LOG.info("two-tower: training again on every interaction for {} epochs", epochs);
        return new Run(matrix, attributes, parallel, false, seed).trainFor(epochs);
    }

    /** One training run's state. */
    private final class Run {
        private final InteractionMatrix matrix;
        private final TrainableDense.Parallel parallel;
        private final SplittableRandom random;
        private final List<String> attributes;
        private final List<String> userAttributes;
        private final int[][] userAttributesOf;
        /** Each context key's number among the user attributes ({@code hour=21}); empty without context. */
        private final Map<String, Integer> contextNumbers = new java.util.HashMap<>();
        /** The user tower's embedding of each user attribute: the mean of a user's is added to their pooled history. */
        private final EmbeddingTable userAttributeTable;
        private final CatalogAttributes names;
        /** Per user, their held-out position (their newest item): the end of their row if none is. */
        private final int[] heldFrom;
        /** The users with a held-out item. */
        private final List<Integer> validationUsers;
        private final long[] examples;
        /** Each item's share of the positives: how often a batch row holds it. */
        private final float[] popularity;
        private final boolean[] chosen;
        /**
         * The embeddings of item ids and attributes, read by both towers: shared, they train on twice
         * the signal (separate tables gave the same NDCG@10 on ml-100k, with twice the memory).
         */
        private final TowerInputs inputs;
        private final HistoryPooling pooling;
        private final TrainableTower userTower;
        private final TrainableTower itemTower;
        private final int dim = p.dimension();
        private long step;
        /** The epoch whose model {@link #train()} kept. */
        private int keptEpoch;

        /** @param holdOut hold out the newest item of {@code validationUsers} users, for {@link #train()} */
        Run(InteractionMatrix matrix, CatalogAttributes names, TrainableDense.Parallel parallel, boolean holdOut, long seed) {
            this.matrix = matrix;
            this.random = new SplittableRandom(seed);
            this.parallel = parallel;
            this.names = names;
            int items = matrix.columns();
            Map<String, Integer> vocabulary = new LinkedHashMap<>();
            int[][] attributesOf = numbered(items, names::item, vocabulary);
            attributes = List.copyOf(vocabulary.keySet());
            Map<String, Integer> userVocabulary = new LinkedHashMap<>();
            userAttributesOf = numbered(matrix.rows(), names::user, userVocabulary);
            if (!names.moments().isEmpty()) {
                for (int hour = 0; hour < 24; hour++) {
                    contextNumbers.put("hour=" + hour, userVocabulary.computeIfAbsent("hour=" + hour, k -> userVocabulary.size()));
                }
                for (int day = 1; day <= 7; day++) {
                    contextNumbers.put("weekday=" + day, userVocabulary.computeIfAbsent("weekday=" + day, k -> userVocabulary.size()));
                }
            }
            userAttributes = List.copyOf(userVocabulary.keySet());
            userAttributeTable = new EmbeddingTable(userAttributes.size(), dim, 0.1, seed * 31 + 5);
            heldFrom = chooseHeldOut(holdOut ? p.validationUsers() : 0);
            validationUsers = usersWithHeldOutItems();
            examples = examples();
            float[] counts = new float[items];
            for (long e : examples) {
                counts[matrix.cols()[position(e)]]++;
            }
            popularity = new float[items];
            chosen = new boolean[items];
            for (int i = 0; i < items; i++) {
                chosen[i] = counts[i] > 0;
                popularity[i] = counts[i] / examples.length;
            }
            inputs = new TowerInputs(items, attributesOf, attributes.size(), names.content(), dim, 0.1, seed * 31 + 1);
            pooling = new HistoryPooling(inputs,
                    new TowerInputs(items, attributesOf, attributes.size(), ItemContent.NONE, 1, 0, seed * 31 + 3),
                    p.attention());
            userTower = new TrainableTower(dim, p.layers(), random.split());
            itemTower = new TrainableTower(dim, p.layers(), random.split());
        }

        /** Trains until {@link EarlyStopping} stops it; returns the model of the epoch it keeps. */
        TwoTowerModel train() {
            TwoTowerModel kept = null;
            EarlyStopping stopping = new EarlyStopping(p.patience(), validationUsers.size());
            try (Progress progress = Progress.start("two-tower", (long) batches() * p.epochs(), "batches")) {
                for (int epoch = 1; epoch <= p.epochs() && !stopping.stopped(); epoch++) {
                    double loss = epoch(progress);
                    TwoTowerModel model = export();
                    double recall = validationRecall(model);
                    LOG.info("two-tower epoch {}: loss {}, validation recall@{} {}", epoch,
                            String.format("%.4f", loss), RECALL_AT, String.format("%.4f", recall));
                    if (stopping.record(epoch, recall)) {
                        kept = model;
                    }
                }
            }
            keptEpoch = stopping.keptEpoch();
            LOG.info("two-tower: keeping epoch {} (best validation recall@{} {})", keptEpoch, RECALL_AT,
                    String.format("%.4f", stopping.best()));
            return kept != null ? kept : export();
        }

        /** Trains exactly {@code epochs} epochs and returns the model. */
        TwoTowerModel trainFor(int epochs) {
            try (Progress progress = Progress.start("two-tower refit", (long) batches() * epochs, "batches")) {
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    LOG.info("two-tower refit epoch {}: loss {}", epoch, String.format("%.4f", epoch(progress)));
                }
            }
            return export();
        }

        private int batches() {
            return (examples.length + p.batchSize() - 1) / p.batchSize();
        }

        /** One pass over the shuffled examples; returns the mean batch loss. */
        private double epoch(Progress progress) {
            shuffle(examples);
            double loss = 0;
            for (int from = 0; from < examples.length; from += p.batchSize()) {
                loss += batch(from, Math.min(examples.length, from + p.batchSize()));
                progress.step();
            }
            return loss / Math.max(1, batches());
        }

        /** One optimiser step on {@code examples[from .. to)}; returns the batch's mean loss. */
        private double batch(int from, int to) {
            int rows = to - from;
            int columns = rows + p.hardNegatives();
            int[] columnItem = new int[columns];
            boolean[] withId = new boolean[columns];
            int[][] histories = new int[rows][];
            float[][] shares = new float[rows][];
            float[] pooledHistories = new float[rows * dim];
            float[] userInputs = new float[rows * dim];
            int[][] profiles = new int[rows][];
            for (int r = 0; r < rows; r++) {
                long e = examples[from + r];
                int[] profile = userAttributesOf[user(e)];
                boolean profileOnly = profile.length > 0 && p.historyDropout() > 0 && random.nextDouble() < p.historyDropout();
                histories[r] = profileOnly ? new int[0] : history(user(e), position(e));
                shares[r] = pooling.forward(histories[r], pooledHistories, r * dim);
                System.arraycopy(pooledHistories, r * dim, userInputs, r * dim, dim);
                profiles[r] = withContext(profile, position(e));
                userAttributeTable.addMean(profiles[r], 1f, userInputs, r * dim);
                columnItem[r] = matrix.cols()[position(e)];
                withId[r] = random.nextDouble() >= p.idDropout();
            }
            float[] userLengths = new float[rows];
            float[] users = SampledSoftmax.unit(userTower.forward(userInputs, rows, parallel), rows, dim, userLengths);
            mineHardNegatives(users, rows, columnItem, withId);
            float[] itemInputs = new float[columns * dim];
            float[] columnLogQ = new float[columns];
            for (int c = 0; c < columns; c++) {
                inputs.add(columnItem[c], withId[c], 1f, itemInputs, c * dim);
                columnLogQ[c] = logQ(columnItem[c], rows);
            }
            float[] itemLengths = new float[columns];
            float[] items = SampledSoftmax.unit(itemTower.forward(itemInputs, columns, parallel), columns, dim, itemLengths);
            var g = SampledSoftmax.of(users, rows, items, columns, dim, columnItem, columnLogQ,
                    (float) p.temperature(), parallel);
            SampledSoftmax.unitBackward(users, userLengths, g.users(), rows, dim);
            SampledSoftmax.unitBackward(items, itemLengths, g.items(), columns, dim);
            float[] userInputGradient = userTower.backward(g.users(), parallel);
            float[] itemInputGradient = itemTower.backward(g.items(), parallel);
            for (int r = 0; r < rows; r++) {
                pooling.backward(histories[r], shares[r], pooledHistories, userInputGradient, r * dim);
                userAttributeTable.accumulateMean(profiles[r], userInputGradient, r * dim, 1f);
            }
            for (int c = 0; c < columns; c++) {
                inputs.backward(columnItem[c], withId[c], 1f, itemInputGradient, c * dim);
            }
            step++;
            userTower.step(p.learningRate(), step);
            itemTower.step(p.learningRate(), step);
            pooling.step(p.learningRate(), step);
            userAttributeTable.step(p.learningRate(), step);
            return g.loss();
        }

        /**
         * The log of the number of times {@code item} is expected among a batch's columns: {@code rows}
         * positives drawn by popularity, and the mined negatives counted as the uniform draws their
         * pools are. Mixed columns need the mixture's expectation for every column: correcting each by
         * its own draw's probability alone over-boosts rare items.
         */
        private float logQ(int item, int rows) {
            if (!p.logQCorrection()) {
                return 0;
            }
            double expected = rows * popularity[item] + (double) p.hardNegatives() / matrix.columns();
            return (float) (p.logQWeight() * Math.log(Math.max(expected, 1e-12)));
        }

        /** The user's attribute numbers and, when context is read, those of the interaction's hour and weekday. */
        private int[] withContext(int[] profile, int position) {
            if (contextNumbers.isEmpty()) {
                return profile;
            }
            List<String> keys = names.moments().keysAt(position);
            int[] out = java.util.Arrays.copyOf(profile, profile.length + keys.size());
            for (int k = 0; k < keys.size(); k++) {
                out[profile.length + k] = contextNumbers.get(keys.get(k));
            }
            return out;
        }

        /** Fills the columns after {@code rows}: for a random row each, the best-scoring of a random pool of other items. */
        private void mineHardNegatives(float[] users, int rows, int[] columnItem, boolean[] withId) {
            float[] input = new float[dim];
            List<DenseLayer> layers = itemTower.layers();
            for (int n = 0; n < p.hardNegatives(); n++) {
                int r = random.nextInt(rows);
                int best = columnItem[random.nextInt(rows)];
                float bestScore = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < p.hardNegativePool(); k++) {
                    int item = random.nextInt(matrix.columns());
                    java.util.Arrays.fill(input, 0);
                    if (item == columnItem[r] || !inputs.add(item, chosen[item], 1f, input, 0)) {
                        continue;
                    }
                    float[] v = TwoTowerModel.tower(layers, input);
                    float s = v == null ? Float.NEGATIVE_INFINITY : VectorMath.dot(users, r * dim, v, 0, dim);
                    if (s > bestScore) {
                        bestScore = s;
                        best = item;
                    }
                }
                columnItem[rows + n] = best;
                withId[rows + n] = chosen[best];
            }
        }

        /** The model as it would be served now: item vectors and history inputs computed for every item. */
        private TwoTowerModel export() {
            int items = matrix.columns();
            Factors vectors = Factors.zeros(items, dim);
            Factors historyInputs = Factors.zeros(items, dim);
            float[] historyWeights = new float[items];
            List<DenseLayer> itemLayers = copy(itemTower.layers());
            parallel.forEach(items, i -> {
                float[] input = new float[dim];
                if (inputs.add(i, chosen[i], 1f, input, 0)) {
                    float[] v = TwoTowerModel.tower(itemLayers, input);
                    if (v != null) {
                        System.arraycopy(v, 0, vectors.data(), vectors.offset(i), dim);
                    }
                }
                inputs.add(i, chosen[i], 1f, historyInputs.data(), historyInputs.offset(i));
                historyWeights[i] = pooling.weight(i);
            });
            return new TwoTowerModel(vectors, historyInputs, historyWeights, p.historyLength(), copy(userTower.layers()), itemLayers,
                    vocabulary(attributes, inputs.attributes), vocabulary(userAttributes, userAttributeTable),
                    new Factors(inputs.content.values.rows(), dim, inputs.content.values.data().clone()),
                    names.moments().isEmpty() ? "" : names.moments().zone().getId());
        }

        private Vocabulary vocabulary(List<String> names, EmbeddingTable table) {
            return new Vocabulary(names, new Factors(names.size(), dim, table.values.data().clone()));
        }

        /** The share of validation users whose held-out item is among the top {@link #RECALL_AT} of the items they have not chosen. */
        private double validationRecall(TwoTowerModel model) {
            List<Integer> users = validationUsers;
            if (users.isEmpty()) {
                return 0;
            }
            int[] hits = new int[users.size()];
            Factors items = model.items();
            parallel.forEach(users.size(), k -> {
                int u = users.get(k);
                int[] seen = history(u, -1);
                List<String> context = contextNumbers.isEmpty() ? List.of() : names.moments().keysAt(heldFrom[u]);
                float[] user = model.userVector(seen, names.user(u), context);
                if (user == null) {
                    return;
                }
                float[] scores = new float[items.rows()];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = VectorMath.dot(user, 0, items.data(), items.offset(i), items.dim());
                }
                for (int s : seen) {
                    scores[s] = Float.NEGATIVE_INFINITY;
                }
                float wanted = scores[matrix.cols()[heldFrom[u]]];
                int above = 0;
                for (int i = 0; i < scores.length && above < RECALL_AT; i++) {
                    above += scores[i] > wanted ? 1 : 0;
                }
                hits[k] = above < RECALL_AT ? 1 : 0;
            });
            return (double) java.util.Arrays.stream(hits).sum() / users.size();
        }

        private List<Integer> usersWithHeldOutItems() {
            List<Integer> users = new ArrayList<>();
            for (int u = 0; u < matrix.rows(); u++) {
                if (heldFrom[u] < matrix.rowStart()[u + 1]) {
                    users.add(u);
                }
            }
            return List.copyOf(users);
        }

        /**
         * Per user, the position (in {@code matrix.cols()}) held out: their newest item for {@code users}
         * users with at least three, the end of their row for everyone else.
         */
        private int[] chooseHeldOut(int users) {
            int[] held = java.util.Arrays.copyOfRange(matrix.rowStart(), 1, matrix.rows() + 1);
            List<Integer> eligible = new ArrayList<>();
            for (int u = 0; u < matrix.rows(); u++) {
                if (matrix.rowStart()[u + 1] - matrix.rowStart()[u] >= 3) {
                    eligible.add(u);
                }
            }
            for (int k = 0; k < Math.min(users, eligible.size()); k++) {
                int pick = k + random.nextInt(eligible.size() - k);
                java.util.Collections.swap(eligible, k, pick);
                int u = eligible.get(k);
                held[u]--;
            }
            return held;
        }

        /** Every (user, position) of a user with at least two training items, the held-out items left out. */
        private long[] examples() {
            long[] out = new long[matrix.nonZeros()];
            int n = 0;
            for (int u = 0; u < matrix.rows(); u++) {
                int start = matrix.rowStart()[u];
                int end = heldFrom[u];
                if (end - start >= 2) {
                    for (int q = start; q < end; q++) {
                        out[n++] = ((long) u << 32) | q;
                    }
                }
            }
            return java.util.Arrays.copyOf(out, n);
        }

        /** The user's newest items, at most historyLength, without position {@code skip} and the held-out one. */
        private int[] history(int user, int skip) {
            int start = matrix.rowStart()[user];
            int end = heldFrom[user];
            int[] out = new int[Math.min(p.historyLength(), end - start)];
            int n = 0;
            for (int q = end - 1; q >= start && n < out.length; q--) {
                if (q != skip) {
                    out[n++] = matrix.cols()[q];
                }
            }
            return n == out.length ? out : java.util.Arrays.copyOf(out, n);
        }

        private void shuffle(long[] values) {
            for (int i = values.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                long t = values[i];
                values[i] = values[j];
                values[j] = t;
            }
        }
    }

    /** Each of {@code count} rows' names as numbers, numbering new names in {@code vocabulary} as they come. */
    private static int[][] numbered(int count, java.util.function.IntFunction<List<String>> namesOf, Map<String, Integer> vocabulary) {
        int[][] out = new int[count][];
        for (int i = 0; i < count; i++) {
            out[i] = namesOf.apply(i).stream().mapToInt(a -> vocabulary.computeIfAbsent(a, k -> vocabulary.size())).distinct().toArray();
        }
        return out;
    }

    private static int user(long example) {
        return (int) (example >>> 32);
    }

    private static int position(long example) {
        return (int) example;
    }

    private static List<DenseLayer> copy(List<DenseLayer> layers) {
        return layers.stream().map(l -> new DenseLayer(l.in(), l.out(), l.weights().clone(), l.bias().clone(), l.relu())).toList();
    }
}
