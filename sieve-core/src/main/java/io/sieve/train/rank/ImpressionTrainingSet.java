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

/**
 * Training lists from logged impressions: the features are the ones serving computed, as logged,
 * and an item is labelled by the user's events on it that carry the impression's request id or
 * fall inside the attribution window after it. Only impressions logged under the current feature
 * schema are used.
 */
final class ImpressionTrainingSet {
    private final SieveConfig config;

    ImpressionTrainingSet(SieveConfig config) {
        this.config = config;
    }

    /** Logged impressions usable as training lists: current schema, every shown item with features. */
    List<Impression> usable(List<Impression> impressions, String schema) {
        return impressions.stream()
                .filter(i -> schema.equals(i.featureSchema()) && !i.items().isEmpty()
                        && i.items().stream().allMatch(s -> s.features() != null))
                .toList();
    }

    /** @param events every event in time order */
    void addTo(TrainingRows rows, List<Impression> impressions, List<Event> events, Map<String, Objective> objectives,
               java.util.function.Predicate<Impression> held) {
        Map<String, List<Event>> byUser = new HashMap<>();
        for (Event e : events) {
            byUser.computeIfAbsent(e.user(), u -> new ArrayList<>()).add(e);
        }
        Duration window = Duration.ofMinutes(config.ranking().training().attributionWindowMinutes());
        for (Impression impression : impressions) {
            List<Event> userEvents = byUser.getOrDefault(impression.user(), List.of());
            int n = impression.items().size();
            float[] features = new float[n * rows.width()];
            double[] baseline = new double[n];
            Map<String, int[]> labels = new LinkedHashMap<>();
            objectives.keySet().forEach(o -> labels.put(o, new int[n]));
            for (int i = 0; i < n; i++) {
                Impression.Shown shown = impression.items().get(i);
                System.arraycopy(shown.features(), 0, features, i * rows.width(), rows.width());
                baseline[i] = -shown.position();
                List<Event> onItem = attributed(impression, shown.item(), userEvents, window);
                for (Map.Entry<String, Objective> o : objectives.entrySet()) {
                    labels.get(o.getKey())[i] = RankingLabels.grade(o.getValue(), config.types(), onItem);
                }
            }
            rows.addList(features, labels, baseline, held.test(impression));
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
