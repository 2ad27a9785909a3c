package io.sieve.retrieve;

import io.sieve.model.Event;
import io.sieve.model.Item;
import io.sieve.funnel.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The user's recent history as anchors for history-based sources: each item once, with the summed
 * weight of its events (a film rated and then added to a list is one strong anchor), newest first,
 * remembering its strongest event for the reason.
 */
final class HistoryAnchors {
    private HistoryAnchors() {
    }

    /** Anchors of the latest {@code historyLength} events whose items the bundle knows; net weight 0 dropped. */
    static List<Anchor> of(RequestContext context, int historyLength) {
        return of(context, historyLength, context.bundle().items()::indexOf);
    }

    /** The same, numbering items by {@code index} (negative: unknown, skipped) instead of the bundle's. */
    static List<Anchor> of(RequestContext context, int historyLength, ToIntFunction<String> index) {
        Map<Integer, Double> weights = new LinkedHashMap<>();
        Map<Integer, Event> strongest = new LinkedHashMap<>();
        List<Event> history = context.history();
        for (int i = 0; i < Math.min(historyLength, history.size()); i++) {
            Event e = history.get(i);
            int item = index.applyAsInt(e.item());
            if (item < 0) {
                continue;
            }
            double w = context.types().weightOf(e);
            weights.merge(item, w, Double::sum);
            Event best = strongest.get(item);
            if (best == null || Math.abs(context.types().weightOf(best)) < Math.abs(w)) {
                strongest.put(item, e);
            }
        }
        List<Anchor> anchors = new ArrayList<>(weights.size());
        weights.forEach((item, w) -> {
            if (w != 0) {
                anchors.add(new Anchor(item, w, strongest.get(item)));
            }
        });
        return anchors;
    }

    /** Only the anchors the user engaged with positively: the input of models trained on likes. */
    static List<Anchor> positive(RequestContext context, int historyLength) {
        return positive(context, historyLength, context.bundle().items()::indexOf);
    }

    /** The positive anchors, numbering items by {@code index} instead of the bundle's. */
    static List<Anchor> positive(RequestContext context, int historyLength, ToIntFunction<String> index) {
        return of(context, historyLength, index).stream().filter(a -> a.weight() > 0).toList();
    }

    /** "because you rated Toy Story (1995)": the anchor's verb and the item's title. */
    static String reason(RequestContext context, String prefix, Anchor anchor) {
        String itemId = anchor.event().item();
        String name = context.item(itemId).map(Item::displayName).orElse(itemId);
        return prefix + context.types().get(anchor.event().type()).verb() + " " + name;
    }
}
