package io.sieve.bundle;

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
        io.sieve.rank.RankerModel ranker) {

    /** The same bundle with a ranker: the ranker is trained after, and on candidates from, the rest. */
    public ModelBundle withRanker(io.sieve.rank.RankerModel model, BundleManifest withManifest) {
        return new ModelBundle(withManifest, items, popularity, trending, segmentScheme, segments, coVisitation, models, content,
                model);
    }

    public String version() {
        return manifest.version();
    }

    public RankedList segment(String key) {
        return segments.getOrDefault(key, RankedList.EMPTY);
    }
}
