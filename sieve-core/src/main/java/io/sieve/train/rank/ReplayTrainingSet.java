package io.sieve.train.rank;

import io.sieve.bundle.ModelBundle;
import io.sieve.config.SieveConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.feature.StatisticsReplay;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.pipeline.Pipeline;
import io.sieve.pipeline.PipelineFactory;
import io.sieve.pipeline.RecommendationRequest;
import io.sieve.pipeline.RequestContext;
import io.sieve.rank.LearnedRanker;
import io.sieve.retrieve.Candidate;
import io.sieve.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Training lists from history, point-in-time. Retrieval was trained on the events before a cut;
 * each user active after the cut becomes one request, replayed a millisecond before their first
 * event after it: the request sees their history before the cut, item statistics replayed to that
 * moment, and the candidates the retrieval stage and filters produce; what the user did after the
 * cut labels the candidates. Nothing at or after the request's moment reaches its features.
 */
public final class ReplayTrainingSet {
    private final SieveConfig config;

    public ReplayTrainingSet(SieveConfig config) {
        this.config = config;
    }

    /** A replayed request: the user, its moment and context, and their events (by item) that label it. */
    public record Request(String user, Instant at, String surface, String device, Map<String, List<Event>> labels) {
    }

    /**
     * What a replay needs: the events retrieval trains on and the requests' histories come from,
     * the events item statistics are replayed from, and the requests in time order.
     */
    public record Plan(List<Event> history, List<Event> statistics, List<Request> requests, String description) {
    }

    /**
     * Temporal labels: the latest {@code labelFraction} of events label, everything before the cut
     * is history. Each user active after the cut is replayed a millisecond before their first event
     * after it; item statistics include every event up to that moment.
     */
    public Plan temporal(List<Event> events) {
        double fraction = config.ranking().training().labelFraction();
        int cutIndex = (int) Math.min(events.size() - 1, Math.floor(events.size() * (1 - fraction)));
        Instant cut = events.get(cutIndex).timestamp();
        Map<String, Request> byUser = new LinkedHashMap<>();
        List<Event> history = new ArrayList<>();
        for (Event e : events) {
            if (e.timestamp().isBefore(cut)) {
                history.add(e);
                continue;
            }
            Request r = byUser.computeIfAbsent(e.user(),
                    u -> new Request(u, e.timestamp().minusMillis(1), e.surface(), null, new HashMap<>()));
            r.labels().computeIfAbsent(e.item(), i -> new ArrayList<>()).add(e);
        }
        return new Plan(history, events, limit(byUser.values()), "temporal, cut at " + cut);
    }

    /**
     * Random labels, for data whose order in time means little (and to match a per-user random
     * evaluation split): a seeded {@code labelFraction} of each user's events label, the rest is
     * history, and the request is replayed at the user's last history event. Labelling events are
     * left out of the item statistics too, so no label reaches a feature.
     */
    public Plan random(List<Event> events) {
        var training = config.ranking().training();
        Map<String, List<Event>> byUser = new TreeMap<>();
        events.forEach(e -> byUser.computeIfAbsent(e.user(), u -> new ArrayList<>()).add(e));
        Random random = new Random(training.seed());
        java.util.Set<Event> labelling = new java.util.HashSet<>();
        List<Request> requests = new ArrayList<>();
        byUser.forEach((user, own) -> {
            List<Event> shuffled = new ArrayList<>(own);
            java.util.Collections.shuffle(shuffled, random);
            int labels = (int) Math.round(own.size() * training.labelFraction());
            if (labels == 0 || labels == own.size()) {
                return;
            }
            Instant last = Instant.MIN;
            Map<String, List<Event>> byItem = new HashMap<>();
            for (int i = 0; i < shuffled.size(); i++) {
                Event e = shuffled.get(i);
                if (i < labels) {
                    labelling.add(e);
                    byItem.computeIfAbsent(e.item(), k -> new ArrayList<>()).add(e);
                } else if (e.timestamp().isAfter(last)) {
                    last = e.timestamp();
                }
            }
            requests.add(new Request(user, last, null, null, byItem));
        });
        List<Event> history = events.stream().filter(e -> !labelling.contains(e)).toList();
        requests.sort(Comparator.comparing(Request::at).thenComparing(Request::user));
        return new Plan(history, history, limit(requests), "random, " + training.labelFraction() + " of each user's events");
    }

    private List<Request> limit(java.util.Collection<Request> requests) {
        return requests.stream().sorted(Comparator.comparing(Request::at).thenComparing(Request::user))
                .limit(config.ranking().training().maxRequests()).toList();
    }

    /**
     * One row per candidate the ranker would see for each request.
     *
     * @param history   the store retrieval was trained from (events before the cut)
     * @param events    every event, in time order, for the item statistics
     */
    public List<Row> rows(Store history, ModelBundle retrieval, List<Event> events, List<Impression> impressions,
                          List<Request> requests) {
        ItemStatistics statistics = ItemStatistics.of(config);
        StatisticsReplay replay = new StatisticsReplay(statistics, events, impressions);
        List<Row> out = new ArrayList<>(requests.size());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Pipeline pipeline = PipelineFactory.create(config, history, statistics, executor);
            LearnedRanker ranker = (LearnedRanker) pipeline.ranker();
            for (Request r : requests) {
                replay.advanceTo(r.at());
                RequestContext context = pipeline.context(new RecommendationRequest(r.user(),
                        config.server().defaultN(), r.surface(), null, null, false, r.at(), r.device(), null), retrieval);
                List<Candidate> kept = pipeline.filters().apply(pipeline.retrieval().retrieve(context).candidates(), context).kept();
                List<Candidate> head = ranker.firstPass(context, kept);
                out.add(new Row(r, head, ranker.assembler().assemble(context, head, statistics)));
            }
        }
        return out;
    }

    /** One replayed request's candidates (first-pass order, holding their blend scores) and their features. */
    public record Row(Request request, List<Candidate> candidates, float[] features) {
    }
}
