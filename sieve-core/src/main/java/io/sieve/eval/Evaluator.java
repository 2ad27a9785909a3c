package io.sieve.eval;

import io.sieve.bundle.ModelBundle;
import io.sieve.config.SieveConfig;
import io.sieve.feature.EventTrail;
import io.sieve.feature.ItemStatistics;
import io.sieve.feature.StatisticsReplay;
import io.sieve.metrics.RankingMetrics;
import io.sieve.model.Event;
import io.sieve.model.Item;
import io.sieve.model.User;
import io.sieve.pipeline.Pipeline;
import io.sieve.pipeline.PipelineFactory;
import io.sieve.funnel.RecommendationRequest;
import io.sieve.pipeline.Recommendations;
import io.sieve.funnel.RequestContext;
import io.sieve.retrieve.RetrievalStage;
import io.sieve.funnel.Retrieved;
import io.sieve.store.InMemoryStore;
import io.sieve.train.Trainer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Offline evaluation through the serving code itself: the training part of a split is loaded into
 * an in-memory store, a bundle is trained from it exactly as {@code sieve train} would, and every
 * test user's request goes through the same {@link Pipeline} the server runs.
 */
public final class Evaluator {
    private final List<Item> items;
    private final List<User> users;
    private final List<Integer> ks;

    /** @param ks the cut-offs; the first is also the one the popularity deciles of each row's lists are counted at */
    public Evaluator(List<Item> items, List<User> users, List<Integer> ks) {
        this.items = List.copyOf(items);
        this.users = List.copyOf(users);
        this.ks = List.copyOf(ks);
    }

    /**
     * How test requests are made.
     * <ul>
     *   <li>{@link #REPLAYED}: in time order, each at the split's request moment, with item statistics
     *       replayed to that moment: what the system would have answered then.</li>
     *   <li>{@link #AS_SERVED}: as a server started on the training part answers them: statistics
     *       replayed from the whole store at start, every request at the serving clock, in user id
     *       order, each served list counted and logged as the server logs it. The figure users get
     *       through the HTTP API; headline quality figures come from this mode.</li>
     * </ul>
     */
    public enum Mode { REPLAYED, AS_SERVED }

    /** A trained split ready to answer requests: its store, bundle and catalogue facts. */
    public record Prepared(Split split, InMemoryStore store, ModelBundle bundle,
                           Map<String, Item> catalog, Map<String, Integer> usersPerItem, int trainUsers,
                           PopularityProfile popularity) {

        /** Share of the training interactions held by each popularity decile of the catalog, the most popular first. */
        public List<Double> trainingPopularityDeciles() {
            return popularity.trainingShares();
        }
    }

    /** Trains a bundle on the split's training part, as {@code sieve train} trains one on a store. */
    public Prepared prepare(SieveConfig config, Split split) {
        InMemoryStore store = trainingStore(split);
        // A fixed clock keeps the bundle (its version string included) identical run to run.
        Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        return prepare(config, split, store, new Trainer(config, clock).train(store));
    }

    /** Evaluates {@code bundle}, trained elsewhere on the split's training part (a server's, say). */
    public Prepared prepare(SieveConfig config, Split split, ModelBundle bundle) {
        return prepare(config, split, trainingStore(split), bundle);
    }

    /** The catalog, the profiles and the split's training events. */
    private InMemoryStore trainingStore(Split split) {
        InMemoryStore store = new InMemoryStore();
        store.putItems(items);
        store.putUsers(users);
        store.appendEvents(split.train());
        return store;
    }

    private Prepared prepare(SieveConfig config, Split split, InMemoryStore store, ModelBundle bundle) {
        store.appendEvents(split.historyOnly());
        Map<String, Item> catalog = new HashMap<>();
        items.forEach(i -> catalog.put(i.id(), i));
        Map<String, Set<String>> seenBy = new HashMap<>();
        for (Event e : split.train()) {
            if (config.types().weightOf(e) > 0) {
                seenBy.computeIfAbsent(e.item(), k -> new HashSet<>()).add(e.user());
            }
        }
        Map<String, Integer> usersPerItem = new HashMap<>();
        seenBy.forEach((item, us) -> usersPerItem.put(item, us.size()));
        int trainUsers = (int) split.train().stream().map(Event::user).distinct().count();
        return new Prepared(split, store, bundle, catalog, usersPerItem, trainUsers,
                new PopularityProfile(items.stream().map(Item::id).toList(), usersPerItem, trainUsers));
    }

    /** Evaluates the pipeline that {@code config} describes on a prepared split, requests replayed in time. */
    public EvalReport.Row evaluate(String name, SieveConfig config, Prepared prepared) {
        return evaluate(name, config, prepared, Mode.REPLAYED);
    }

    /** Evaluates the pipeline that {@code config} describes on a prepared split, requests made as {@code mode} says. */
    public EvalReport.Row evaluate(String name, SieveConfig config, Prepared prepared, Mode mode) {
        int maxK = ks.stream().mapToInt(Integer::intValue).max().orElse(10);
        Map<String, Double> sums = new LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        Map<Integer, Set<String>> recommendedItems = new HashMap<>();
        int curveK = ks.getFirst();
        long[] deciles = new long[PopularityProfile.DECILES];
        double[] hitsAt = new double[maxK];
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, List<String>> lists = mode == Mode.AS_SERVED ? served(config, executor, prepared, maxK)
                    : recommendAll(config, executor, prepared, maxK);
            for (Map.Entry<String, Set<String>> test : prepared.split().relevant().entrySet()) {
                List<String> ranked = lists.get(test.getKey());
                Set<String> relevant = test.getValue();
                for (int k : ks) {
                    List<String> top = ranked.subList(0, Math.min(k, ranked.size()));
                    add(sums, counts, "Precision@" + k, RankingMetrics.precision(ranked, relevant, k));
                    add(sums, counts, "Recall@" + k, RankingMetrics.recall(ranked, relevant, k));
                    add(sums, counts, "NDCG@" + k, RankingMetrics.ndcg(ranked, relevant, k));
                    add(sums, counts, "MAP@" + k, RankingMetrics.averagePrecision(ranked, relevant, k));
                    add(sums, counts, "HitRate@" + k, RankingMetrics.hitRate(ranked, relevant, k));
                    add(sums, counts, "MRR@" + k, RankingMetrics.reciprocalRank(ranked, relevant, k));
                    add(sums, counts, "Diversity@" + k, BeyondAccuracy.intraListDiversity(top, prepared.catalog()));
                    add(sums, counts, "Novelty@" + k,
                            BeyondAccuracy.novelty(top, prepared.usersPerItem(), prepared.trainUsers()));
                    add(sums, counts, "LongTail@" + k, prepared.popularity().longTailShare(top));
                    add(sums, counts, "Popularity@" + k, prepared.popularity().meanPopularity(top));
                    recommendedItems.computeIfAbsent(k, x -> new HashSet<>()).addAll(top);
                }
                prepared.popularity().countDeciles(ranked.subList(0, Math.min(curveK, ranked.size())), deciles);
                for (int i = 0; i < Math.min(maxK, ranked.size()); i++) {
                    hitsAt[i] += relevant.contains(ranked.get(i)) ? 1 : 0;
                }
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        sums.forEach((key, sum) -> metrics.put(key, sum / counts.get(key)));
        for (int k : ks) {
            metrics.put("Coverage@" + k, recommendedItems.getOrDefault(k, Set.of()).size() / (double) items.size());
        }
        int users = prepared.split().relevant().size();
        long slots = Arrays.stream(deciles).sum();
        List<Double> decileShares = Arrays.stream(deciles).mapToObj(c -> slots == 0 ? 0.0 : c / (double) slots).toList();
        List<Double> hitRate = Arrays.stream(hitsAt).mapToObj(h -> users == 0 ? 0.0 : h / users).toList();
        return new EvalReport.Row(name, metrics, Map.of("popularityDeciles", decileShares, "hitRateByPosition", hitRate));
    }

    /** Recall of each source's candidate list at its quota, with the filters applied. */
    public Map<String, EvalReport.CandidateRecall> candidateRecall(SieveConfig config, Prepared prepared) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Pipeline pipeline = PipelineFactory.create(config, prepared.store(), ItemStatistics.replayed(config, prepared.store()), executor);
            for (Map.Entry<String, Set<String>> test : prepared.split().relevant().entrySet()) {
                RequestContext context = pipeline.context(request(prepared, test.getKey(), 1), prepared.bundle());
                for (RetrievalStage.Source source : pipeline.retrieval().sources()) {
                    int hits = 0;
                    for (Retrieved r : source.retriever().retrieve(context, source.quota())) {
                        if (test.getValue().contains(r.itemId())) {
                            hits++;
                        }
                    }
                    double[] s = sums.computeIfAbsent(source.name(), n -> new double[2]);
                    s[0] += hits / (double) test.getValue().size();
                    s[1] = source.quota();
                }
            }
        }
        Map<String, EvalReport.CandidateRecall> out = new LinkedHashMap<>();
        int users = prepared.split().relevant().size();
        sums.forEach((name, s) -> out.put(name, new EvalReport.CandidateRecall((int) s[1], s[0] / users)));
        return out;
    }

    /**
     * Requests are replayed in time order against item statistics replayed to each request's
     * moment, as the ranker's training rows were built, so that no feature sees the future.
     */
    private Map<String, List<String>> recommendAll(SieveConfig config, ExecutorService executor, Prepared prepared, int n) {
        ItemStatistics statistics = ItemStatistics.of(config);
        StatisticsReplay replay = new StatisticsReplay(statistics, EventTrail.of(prepared.store()::forEachEvent), List.of());
        Pipeline pipeline = PipelineFactory.create(config, prepared.store(), statistics, executor);
        List<String> testUsers = new ArrayList<>(prepared.split().relevant().keySet());
        Map<String, Instant> at = prepared.split().requestTime();
        testUsers.sort(java.util.Comparator.comparing((String u) -> at.getOrDefault(u, Instant.MAX)).thenComparing(u -> u));
        Map<String, List<String>> lists = new HashMap<>();
        for (String user : testUsers) {
            replay.advanceTo(at.getOrDefault(user, Instant.MAX));
            Recommendations r = pipeline.recommend(request(prepared, user, n), prepared.bundle());
            lists.put(user, r.items().stream().map(Recommendations.RecommendedItem::id).toList());
        }
        return lists;
    }

    /** Every test user's list as {@link Mode#AS_SERVED} describes, by user. */
    public Map<String, List<String>> servedLists(SieveConfig config, Prepared prepared, int n) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            return served(config, executor, prepared, n);
        }
    }

    private Map<String, List<String>> served(SieveConfig config, ExecutorService executor, Prepared prepared, int n) {
        // A store of its own: the impressions logged here must not reach another evaluation.
        InMemoryStore store = trainingStore(prepared.split());
        store.appendEvents(prepared.split().historyOnly());
        ItemStatistics statistics = ItemStatistics.replayed(config, store);
        Pipeline pipeline = PipelineFactory.create(config, store, statistics, executor);
        Map<String, List<String>> lists = new HashMap<>();
        for (String user : new java.util.TreeSet<>(prepared.split().relevant().keySet())) {
            Recommendations r = pipeline.recommend(RecommendationRequest.forUser(user, n).build(),
                    prepared.bundle());
            lists.put(user, r.items().stream().map(Recommendations.RecommendedItem::id).toList());
            // As the server logs a served list: counted in the item statistics, then stored.
            if (!r.impression().items().isEmpty()) {
                statistics.apply(r.impression());
                store.logImpressions(List.of(r.impression()));
            }
        }
        return lists;
    }

    private static RecommendationRequest request(Prepared prepared, String user, int n) {
        return RecommendationRequest.forUser(user, n).asOf(prepared.split().requestTime().get(user)).build();
    }

    private static void add(Map<String, Double> sums, Map<String, Integer> counts, String key, double value) {
        sums.putIfAbsent(key, 0.0);
        if (!Double.isNaN(value)) {
            sums.merge(key, value, Double::sum);
            counts.merge(key, 1, Integer::sum);
        } else {
            counts.putIfAbsent(key, 0);
        }
    }
}
