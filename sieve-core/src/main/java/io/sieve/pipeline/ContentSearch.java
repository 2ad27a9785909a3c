package io.sieve.pipeline;

import io.sieve.ann.VectorMath;
import io.sieve.bundle.ModelBundle;
import io.sieve.config.SieveConfig.SearchConfig;
import io.sieve.content.ContentModel;
import io.sieve.funnel.RecommendationRequest;
import io.sieve.funnel.RequestContext;
import io.sieve.model.Item;
import io.sieve.retrieve.EmbeddingRetriever;
import io.sieve.store.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Natural-language discovery: the query is encoded like item text and the closest items are
 * found in the content index (items added since training included). With a user, each match's
 * text similarity is blended with the user's taste, their ALS vector folded in from their history
 * dotted with the item's, both scaled to [0, 1] over the matches. Filters apply as for
 * recommendations (rules, negative feedback, availability), except "seen": searching for a film
 * one has watched is legitimate.
 */
public final class ContentSearch {
    /** How many of the catalog's newest items are scanned beside the index. */
    private static final int RECENT = 1_000;

    private final Pipeline pipeline;
    private final Store store;
    private final SearchConfig settings;
    private final int historyLength;

    /** @param historyLength the latest events the user's taste is folded in from (retrieval.historyLength) */
    public ContentSearch(Pipeline pipeline, Store store, SearchConfig settings, int historyLength) {
        this.pipeline = pipeline;
        this.store = store;
        this.settings = settings;
        this.historyLength = historyLength;
    }

    /** The catalog's newest items, which may be missing from a content index built before they were added. */
    static List<Item> recentItems(Store store) {
        List<Item> out = new ArrayList<>();
        for (String id : store.newestItems(RECENT)) {
            store.item(id).ifPresent(out::add);
        }
        return out;
    }

    /** Empty items when the bundle has no content model. */
    public Recommendations search(String query, String userId, int n, ModelBundle bundle) {
        ContentModel content = bundle.content();
        if (content.isEmpty()) {
            return new Recommendations(UUID.randomUUID().toString(), List.of(), null, null, null);
        }
        RequestContext context = pipeline.context(
                RecommendationRequest.forUser(userId == null ? "" : userId, n).surface("search").build(), bundle);
        var matches = content.search(content.encode(query), settings.candidates(),
                context::isEligibleIgnoringSeen, recentItems(store));
        Map<String, Double> personal = userId == null ? Map.of() : taste(context, bundle, matches);
        double maxSimilarity = matches.stream().mapToDouble(ContentModel.Match::similarity).max().orElse(1);
        double minTaste = personal.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double maxTaste = personal.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        List<Recommendations.RecommendedItem> items = new ArrayList<>();
        for (var m : matches) {
            double text = maxSimilarity > 0 ? m.similarity() / maxSimilarity : 0;
            double taste = maxTaste > minTaste && personal.containsKey(m.itemId())
                    ? (personal.get(m.itemId()) - minTaste) / (maxTaste - minTaste) : 0;
            double w = personal.isEmpty() ? 0 : settings.personalWeight();
            items.add(new Recommendations.RecommendedItem(m.itemId(), (1 - w) * text + w * taste,
                    personal.containsKey(m.itemId()) ? List.of("content", "als") : List.of("content"),
                    "matches \"" + query + "\"", null));
        }
        items.sort((a, b) -> Double.compare(b.score(), a.score()));
        return new Recommendations(UUID.randomUUID().toString(), List.copyOf(items.subList(0, Math.min(n, items.size()))),
                null, null, null);
    }

    /** The user's ALS affinity to each match the ALS model knows. */
    private Map<String, Double> taste(RequestContext context, ModelBundle bundle, List<ContentModel.Match> matches) {
        float[] user = EmbeddingRetriever.alsUser(context, historyLength);
        if (user == null) {
            return Map.of();
        }
        var items = bundle.models().als().items();
        Map<String, Double> out = new HashMap<>();
        for (var m : matches) {
            int i = bundle.items().indexOf(m.itemId());
            if (i >= 0 && i < items.rows()) {
                out.put(m.itemId(), (double) VectorMath.dot(user, 0, items.data(), items.offset(i), items.dim()));
            }
        }
        return out;
    }
}
