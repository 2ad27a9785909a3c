package io.sieve.content;

import io.sieve.ann.Neighbour;
import io.sieve.ann.VectorIndex;
import io.sieve.ann.VectorMath;
import io.sieve.ann.ItemIndex;
import io.sieve.model.Item;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Content vectors of the catalog, encoded at training time and indexed for nearest-neighbour
 * search, with the encoder that made them. Items added since training are not in the index; they
 * are encoded on first use (and cached while their text stays the same) and scanned beside it, so
 * a new item is findable by content the moment it is in the catalog.
 */
public final class ContentModel {
    public static final ContentModel NONE = new ContentModel(null, new ItemIndex(List.of()), null);
    /** Encoded items outside the index kept at most; beyond that, vectors are recomputed. */
    private static final int CACHE_LIMIT = 100_000;

    private final TextEncoder encoder;
    private final ItemIndex ids;
    private final VectorIndex index;
    private final Map<String, Cached> unindexed = new ConcurrentHashMap<>();
    private final Map<String, float[]> derived = new ConcurrentHashMap<>();

    private record Cached(int textHash, float[] vector) {
    }

    /** A match: an item and its cosine similarity to the query. */
    public record Match(String itemId, float similarity) {
    }

    public ContentModel(TextEncoder encoder, ItemIndex ids, VectorIndex index) {
        this.encoder = encoder;
        this.ids = ids;
        this.index = index;
    }

    public boolean isEmpty() {
        return encoder == null;
    }

    public TextEncoder encoder() {
        return encoder;
    }

    public ItemIndex ids() {
        return ids;
    }

    public VectorIndex index() {
        return index;
    }

    public float[] encode(String text) {
        return encoder.encode(List.of(text))[0];
    }

    /** The item's content vector: from the index when it was there at training, else encoded now. */
    public float[] vectorOf(Item item) {
        int i = ids.indexOf(item.id());
        if (i >= 0) {
            return index.vector(i);
        }
        String text = ItemText.of(item);
        Cached cached = unindexed.get(item.id());
        if (cached == null || cached.textHash() != text.hashCode()) {
            cached = new Cached(text.hashCode(), encode(text));
            if (unindexed.size() < CACHE_LIMIT) {
                unindexed.put(item.id(), cached);
            }
        }
        return cached.vector();
    }

    /**
     * A vector computed from this model for an item, cached for the bundle's lifetime under
     * {@code kind} (e.g. the ALS position a new item borrows from its content neighbours).
     */
    public float[] derived(String kind, String itemId, java.util.function.Supplier<float[]> compute) {
        String key = kind + '\u0000' + itemId;
        float[] v = derived.get(key);
        if (v == null) {
            v = compute.get();
            if (derived.size() < CACHE_LIMIT) {
                derived.put(key, v);
            }
        }
        return v;
    }

    /**
     * The {@code k} items most similar to {@code query} among the index and {@code recent} (the
     * catalog's newest items, of which those not in the index are scanned), that {@code accept} lets through.
     */
    public List<Match> search(float[] query, int k, Predicate<String> accept, List<Item> recent) {
        List<Match> out = new ArrayList<>();
        for (Neighbour n : index.search(query, k, ord -> accept.test(ids.id(ord)))) {
            out.add(new Match(ids.id(n.item()), n.score()));
        }
        for (Item item : recent) {
            if (ids.indexOf(item.id()) < 0 && accept.test(item.id())) {
                out.add(new Match(item.id(), VectorMath.dot(query, vectorOf(item))));
            }
        }
        out.sort(Comparator.comparingDouble((Match m) -> -m.similarity()).thenComparing(Match::itemId));
        return out.subList(0, Math.min(k, out.size()));
    }

    @Override
    public String toString() {
        return isEmpty() ? "no content model" : Objects.toString(encoder.name()) + " x " + ids.size();
    }
}
