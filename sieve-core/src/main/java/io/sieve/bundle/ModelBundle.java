package io.sieve.bundle;

import io.sieve.ann.ItemIndex;
import java.util.Map;

/**
 * Everything training produced, loaded in memory and never mutated: a request holds one bundle
 * for its whole life, so swapping in a new one cannot disturb requests already running.
 */
public record ModelBundle(
        BundleManifest manifest,
        ItemIndex items,
        RankedList popularity,
        RankedList trending,
        SegmentScheme segmentScheme,
        Map<String, RankedList> segments,
        NeighbourTable coVisitation,
        CollaborativeModels models,
        io.sieve.content.ContentModel content,
        io.sieve.bundle.rank.RankerModel ranker) {

    /** The same bundle with a ranker: the ranker is trained after, and on candidates from, the rest. */
    public ModelBundle withRanker(io.sieve.bundle.rank.RankerModel model, BundleManifest withManifest) {
        return new ModelBundle(withManifest, items, popularity, trending, segmentScheme, segments, coVisitation, models, content,
                model);
    }

    public String version() {
        return manifest.version();
    }

    /**
     * Why training withheld its ranker from serving (it did not beat the blend on held-out lists),
     * as the manifest records it; empty when a ranker was served or none was trained.
     */
    public java.util.Optional<String> rankerWithheld() {
        if (manifest.parameters().get("ranker") instanceof Map<?, ?> report
                && Boolean.FALSE.equals(report.get("served")) && report.get("decision") instanceof String decision) {
            return java.util.Optional.of(decision);
        }
        return java.util.Optional.empty();
    }

    public RankedList segment(String key) {
        return segments.getOrDefault(key, RankedList.EMPTY);
    }
}
