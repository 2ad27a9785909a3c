package io.sieve.pipeline;

import io.sieve.ann.TopK;
import io.sieve.bundle.ModelBundle;
import io.sieve.graph.InteractionGraph;
import io.sieve.graph.PixieWalk;
import io.sieve.model.Item;
import io.sieve.store.Store;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * "More like this": the item's co-visitation neighbours, then the items random walks from it reach
 * on the live interaction graph, then its nearest items in the ALS taste space, then the items
 * whose text is closest to its own, topped up with popular items that share one of its categories
 * when the item is too new or too rare to have enough neighbours.
 */
public final class SimilarItems {
    /** Walks from one item: fewer steps than a user's several anchors need. */
    private static final PixieWalk.Settings WALK = new PixieWalk.Settings(10_000, 0.5, 4, 500);
    private final Store store;
    private final InteractionGraph graph;

    /** @param graph the live graph (the item statistics keep it), walked for items chosen by the same people */
    public SimilarItems(Store store, InteractionGraph graph) {
        this.store = store;
        this.graph = graph;
    }

    /** Empty when neither the catalog nor the model knows the item. */
    public Optional<Recommendations> similar(String itemId, int n, ModelBundle bundle) {
        Optional<Item> item = store.item(itemId);
        int index = bundle.items().indexOf(itemId);
        if (item.isEmpty() && index < 0) {
            return Optional.empty();
        }
        String name = item.map(Item::displayName).orElse(itemId);
        List<Recommendations.RecommendedItem> out = new ArrayList<>();
        Set<String> taken = new HashSet<>(Set.of(itemId));
        if (index >= 0) {
            var table = bundle.coVisitation();
            for (int p = table.start(index); p < table.end(index) && out.size() < n; p++) {
                String id = bundle.items().id(table.neighbour(p));
                if (showable(id) && taken.add(id)) {
                    out.add(new Recommendations.RecommendedItem(id, table.score(p), List.of("covisitation"),
                            "often chosen together with " + name, null));
                }
            }
        }
        int node = graph.item(itemId);
        if (node >= 0 && out.size() < n) {
            // Walks see the edges of the last seconds, which the bundle's tables have not counted yet.
            TopK top = new TopK(n + taken.size());
            PixieWalk.walk(graph.view(), List.of(new PixieWalk.Anchor(node, 1)), WALK, itemId.hashCode())
                    .forEach((other, score, anchor) -> top.offer(other, score));
            for (var found : top.toList()) {
                String id = graph.itemId(found.item());
                if (out.size() < n && showable(id) && taken.add(id)) {
                    out.add(new Recommendations.RecommendedItem(id, found.score(), List.of("graph"),
                            "chosen by the same people as " + name, null));
                }
            }
        }
        var als = bundle.models().als();
        if (index >= 0 && als != null && out.size() < n) {
            // Taste neighbours reach items too rare to have co-visitation pairs of their own.
            var found = bundle.models().alsIndex().search(als.items().row(index), n + 1,
                    other -> other != index && !taken.contains(bundle.items().id(other)) && showable(bundle.items().id(other)));
            for (var neighbour : found) {
                String id = bundle.items().id(neighbour.item());
                if (out.size() < n && taken.add(id)) {
                    out.add(new Recommendations.RecommendedItem(id, neighbour.score(), List.of("als"),
                            "liked by the same people as " + name, null));
                }
            }
        }
        var content = bundle.content();
        if (item.isPresent() && !content.isEmpty() && out.size() < n) {
            // Text neighbours reach items with no interactions at all, new ones included.
            for (var match : content.search(content.vectorOf(item.get()), n + 1,
                    id -> !taken.contains(id) && showable(id), ContentSearch.recentItems(store))) {
                if (out.size() < n && match.similarity() > 0 && taken.add(match.itemId())) {
                    out.add(new Recommendations.RecommendedItem(match.itemId(), match.similarity(), List.of("content"),
                            "described like " + name, null));
                }
            }
        }
        List<String> categories = item.map(Item::categories).orElse(List.of());
        var popular = bundle.popularity();
        for (int i = 0; i < popular.size() && out.size() < n && !categories.isEmpty(); i++) {
            String id = bundle.items().id(popular.items()[i]);
            Optional<Item> candidate = store.item(id);
            Optional<String> shared = candidate.flatMap(c -> c.categories().stream().filter(categories::contains).findFirst());
            if (shared.isPresent() && candidate.get().isAvailable() && taken.add(id)) {
                out.add(new Recommendations.RecommendedItem(id, 0, List.of("category"),
                        "popular in " + shared.get() + ", like " + name, null));
            }
        }
        return Optional.of(new Recommendations(UUID.randomUUID().toString(), out, null, null, null));
    }

    private boolean showable(String id) {
        return store.item(id).map(Item::isAvailable).orElse(false);
    }
}
