package io.sieve.train.rank;

import io.sieve.config.SieveConfig;
import io.sieve.config.SieveConfig.Objective;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Training lists from logged impressions: the features are the ones serving computed, as logged,
 * and an item is labelled by the user's events on it that carry the impression's request id or
 * fall inside the attribution window after it. Only impressions logged under the current feature
 * schema, with at least one item the user engaged with, make lists: a slate nobody reacted to
 * teaches a ranker nothing.
 */
final class ImpressionTrainingSet {
    private final SieveConfig config;

    ImpressionTrainingSet(SieveConfig config) {
        this.config = config;
    }

    /** A logged slate and, per objective, the grade of each shown item. */
    record Labelled(Impression impression, Map<String, int[]> labels) {
    }

    /**
     * @param log hands every event over in time order (a store's {@code forEachEvent}); only the
     *            events of users with a usable impression are kept
     * @return the impressions under {@code schema} with features on every item and a relevant item under some objective
     */
    List<Labelled> labelled(List<Impression> impressions, Consumer<Consumer<Event>> log, String schema,
                            Map<String, Objective> objectives) {
        List<Impression> usable = impressions.stream()
                .filter(i -> schema.equals(i.featureSchema()) && !i.items().isEmpty()
                        && i.items().stream().allMatch(s -> s.features() != null))
                .toList();
        Set<String> shownTo = usable.stream().map(Impression::user).collect(Collectors.toSet());
        Map<String, List<Event>> byUser = new HashMap<>();
        if (!usable.isEmpty()) {
            log.accept(e -> {
                if (shownTo.contains(e.user())) {
                    byUser.computeIfAbsent(e.user(), u -> new ArrayList<>()).add(e);
                }
            });
        }
        Duration window = Duration.ofMinutes(config.ranking().training().attributionWindowMinutes());
        List<Labelled> out = new ArrayList<>();
        for (Impression impression : usable) {
            List<Event> userEvents = byUser.getOrDefault(impression.user(), List.of());
            int n = impression.items().size();
            Map<String, int[]> labels = new LinkedHashMap<>();
            objectives.keySet().forEach(o -> labels.put(o, new int[n]));
            boolean relevant = false;
            for (int i = 0; i < n; i++) {
                List<Event> onItem = attributed(impression, impression.items().get(i).item(), userEvents, window);
                for (Map.Entry<String, Objective> o : objectives.entrySet()) {
                    int grade = RankingLabels.grade(o.getValue(), config.types(), onItem);
                    labels.get(o.getKey())[i] = grade;
                    relevant |= grade > 0;
                }
            }
            if (relevant) {
                out.add(new Labelled(impression, labels));
            }
        }
        return out;
    }

    /** Adds each slate as a list in fold hash(request id) mod {@code folds}; its baseline is the order it was shown in. */
    void addTo(TrainingRows rows, List<Labelled> slates, int folds) {
        for (Labelled slate : slates) {
            Impression impression = slate.impression();
            int n = impression.items().size();
            float[] features = new float[n * rows.width()];
            double[] baseline = new double[n];
            String[] items = new String[n];
            for (int i = 0; i < n; i++) {
                Impression.Shown shown = impression.items().get(i);
                System.arraycopy(shown.features(), 0, features, i * rows.width(), rows.width());
                baseline[i] = -shown.position();
                items[i] = shown.item();
            }
            Map<String, Double> ideal = new LinkedHashMap<>();
            slate.labels().forEach((objective, grades) -> ideal.put(objective, ListNdcg.ideal(grades)));
            int fold = Math.floorMod(impression.requestId().hashCode(), folds);
            rows.addList(features, slate.labels(), baseline, new TrainingRows.ListInfo(fold, "logged", items, ideal));
        }
    }

    private static List<Event> attributed(Impression impression, String item, List<Event> userEvents, Duration window) {
        List<Event> out = new ArrayList<>();
        var end = impression.timestamp().plus(window);
        for (Event e : userEvents) {
            if (!e.item().equals(item)) {
                continue;
            }
            boolean sameRequest = impression.requestId().equals(e.requestId());
            boolean inWindow = !e.timestamp().isBefore(impression.timestamp()) && !e.timestamp().isAfter(end);
            if (sameRequest || inWindow) {
                out.add(e);
            }
        }
        return out;
    }
}
