package io.sieve.retrieve;

import io.sieve.ann.TopK;
import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Retrieved;
import io.sieve.graph.BoostedVisits;
import io.sieve.graph.InteractionGraph;
import io.sieve.graph.PixieWalk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Items reached by random walks on the live user-item graph ({@link InteractionGraph}, updated
 * from each accepted event) from the user's latest positively engaged items ({@link PixieWalk}).
 * Unlike the trained sources it needs no bundle: an edge added a moment ago is walked by the next
 * request, so an item nobody had chosen at training time is found once a few people choose it.
 * Each request's walk is seeded by the source's seed and the user, so a user's list is
 * reproducible for a given graph.
 */
public final class GraphRetriever implements Retriever {
    private final InteractionGraph graph;
    private final int historyLength;
    private final int anchors;
    private final PixieWalk.Settings walk;
    private final long seed;
    private final double degreeExponent;

    public GraphRetriever(InteractionGraph graph, int historyLength, int anchors, PixieWalk.Settings walk, long seed,
                          double degreeExponent) {
        this.graph = graph;
        this.degreeExponent = degreeExponent;
        this.historyLength = historyLength;
        this.anchors = anchors;
        this.walk = walk;
        this.seed = seed;
    }

    @Override
    public List<Retrieved> retrieve(RequestContext context, int quota) {
        List<Anchor> chosen = HistoryAnchors.positive(context, historyLength, graph::item);
        chosen = chosen.subList(0, Math.min(anchors, chosen.size()));
        if (chosen.isEmpty()) {
            return List.of();
        }
        List<PixieWalk.Anchor> starts = chosen.stream().map(a -> new PixieWalk.Anchor(a.itemIndex(), a.weight())).toList();
        long requestSeed = seed * 0x9E3779B97F4A7C15L + Objects.hashCode(context.request().userId());
        InteractionGraph.View view = graph.view();
        BoostedVisits visits = PixieWalk.walk(view, starts, walk, requestSeed);
        TopK top = new TopK(quota);
        visits.forEach((item, visited, anchor) -> {
            double score = degreeExponent == 0 ? visited : visited / Math.pow(Math.max(1, view.itemDegree(item)), degreeExponent);
            if (top.takes(item, score) && context.isEligible(graph.itemId(item))) {
                top.offer(item, score);
            }
        });
        List<Retrieved> out = new ArrayList<>(quota);
        for (var found : top.toList()) {
            out.add(new Retrieved(graph.itemId(found.item()), found.score(),
                    HistoryAnchors.reason(context, "chosen by people who ", chosen.get(visits.strongestAnchor(found.item())))));
        }
        return out;
    }

    /** Type {@code graph}. */
    public static final class Factory implements RetrieverFactory {
        @Override
        public String type() {
            return "graph";
        }

        @Override
        public Map<String, Object> defaults() {
            return Map.of("anchors", 20, "steps", 20_000, "restart", 0.5, "minVisits", 4, "enoughItems", 1_000, "seed", 42,
                    "degreeExponent", 0.0);
        }

        @Override
        public Retriever create(SourceSettings settings, Shared shared) {
            return new GraphRetriever(shared.statistics().graph(), shared.retrieval().historyLength(), settings.integer("anchors"),
                    new PixieWalk.Settings(settings.integer("steps"), settings.decimal("restart"), settings.integer("minVisits"),
                            settings.integer("enoughItems")),
                    settings.longInteger("seed"), settings.decimal("degreeExponent"));
        }
    }
}
