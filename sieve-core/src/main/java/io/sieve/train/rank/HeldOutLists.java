package io.sieve.train.rank;

import io.sieve.bundle.ModelBundle;
import io.sieve.config.SieveConfig;
import io.sieve.config.SieveConfig.Objective;
import io.sieve.feature.EventTrail;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.funnel.Candidate;
import io.sieve.store.Store;
import io.sieve.train.progress.Progress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training lists built exactly as served requests are, by cross-fitting: for each fold of the
 * plan, retrieval is trained by the same code as the final bundle on everything but the fold's
 * held-out events, and each of the fold's requests runs through the serving pipeline at its
 * moment (the data's clock, or just before the user's latest events). What the user held out
 * labels the candidates.
 */
final class HeldOutLists {
    private static final Logger LOG = LoggerFactory.getLogger(HeldOutLists.class);

    private final SieveConfig config;
    private final Clock clock;
    private final Function<Store, ModelBundle> retrieval;

    HeldOutLists(SieveConfig config, Clock clock, Function<Store, ModelBundle> retrieval) {
        this.config = config;
        this.clock = clock;
        this.retrieval = retrieval;
    }

    /** What the lists hold: how many, and what share of the held-out items their candidates contain. */
    record Summary(int lists, int labelled, int retrieved) {
        double labelRecall() {
            return labelled == 0 ? 0 : retrieved / (double) labelled;
        }
    }

    Summary addTo(TrainingRows rows, Store store, HeldOutPlan plan, List<Impression> impressions,
                  Map<String, Objective> objectives) {
        int labelled = 0;
        int retrieved = 0;
        int lists = 0;
        // Room for every list up front: growing by copies would need twice the memory at the end.
        rows.reserve(plan.requests().size() * config.ranking().candidates());
        for (int fold = 0; fold < plan.folds(); fold++) {
            int f = fold;
            List<HeldOutPlan.Request> planned = plan.requests().stream().filter(r -> r.fold() == f).toList();
            if (planned.isEmpty()) {
                continue;
            }
            HeldOutStore view = new HeldOutStore(store, plan.heldOut(fold));
            LOG.info("ranker fold {}: training retrieval without {} held-out events", fold, plan.heldOut(fold).size());
            ModelBundle foldRetrieval = retrieval.apply(view);
            EventTrail events = EventTrail.of(view::forEachEvent);
            Instant dataClock = events.size() == 0 ? clock.instant() : Instant.ofEpochMilli(events.millis(events.size() - 1));
            Map<RequestReplay.Request, HeldOutPlan.Request> byRequest = new LinkedHashMap<>();
            for (HeldOutPlan.Request r : planned) {
                byRequest.put(new RequestReplay.Request(r.user(), r.asOf() != null ? r.asOf() : dataClock, r.surface(), null), r);
            }
            List<RequestReplay.Request> requests = new ArrayList<>(byRequest.keySet());
            requests.sort(Comparator.comparing(RequestReplay.Request::at).thenComparing(RequestReplay.Request::user));
            int[] counts = new int[3];
            try (Progress progress = Progress.start("ranker lists, fold " + fold, requests.size(), "lists")) {
                new RequestReplay(config).replay(view, foldRetrieval, events, impressions, requests, row -> {
                    HeldOutPlan.Request request = byRequest.get(row.request());
                    counts[0] += add(rows, row.candidates(), row.features(), request, objectives);
                    counts[1] += request.labels().size();
                    counts[2]++;
                    progress.step();
                });
            }
            retrieved += counts[0];
            labelled += counts[1];
            lists += counts[2];
        }
        return new Summary(lists, labelled, retrieved);
    }

    /** Adds one list; returns how many of the user's held-out items its candidates hold. */
    private int add(TrainingRows rows, List<Candidate> candidates, float[] features, HeldOutPlan.Request request,
                    Map<String, Objective> objectives) {
        int n = candidates.size();
        Map<String, int[]> labels = new LinkedHashMap<>();
        Map<String, Double> ideal = new LinkedHashMap<>();
        objectives.forEach((name, objective) -> {
            labels.put(name, new int[n]);
            ideal.put(name, ListNdcg.ideal(request.labels().values().stream()
                    .mapToInt(events -> RankingLabels.grade(objective, config.types(), events)).toArray()));
        });
        double[] baseline = new double[n];
        String[] items = new String[n];
        int retrieved = 0;
        for (int i = 0; i < n; i++) {
            Candidate c = candidates.get(i);
            List<Event> onItem = request.labels().getOrDefault(c.itemId(), List.of());
            for (Map.Entry<String, Objective> o : objectives.entrySet()) {
                labels.get(o.getKey())[i] = RankingLabels.grade(o.getValue(), config.types(), onItem);
            }
            baseline[i] = c.score();
            items[i] = c.itemId();
            retrieved += onItem.isEmpty() ? 0 : 1;
        }
        rows.addList(features, labels, baseline,
                new TrainingRows.ListInfo(request.fold(), request.kind().name(), items, ideal));
        return retrieved;
    }
}
