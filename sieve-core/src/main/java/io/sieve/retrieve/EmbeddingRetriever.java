package io.sieve.retrieve;

import io.sieve.ann.Neighbour;
import io.sieve.ann.VectorIndex;
import io.sieve.ann.VectorMath;
import io.sieve.bundle.CollaborativeModels;
import io.sieve.bundle.ModelBundle;
import io.sieve.content.ContentModel;
import io.sieve.feature.ItemStatistics;
import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Retrieved;
import io.sieve.bundle.cf.Factors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * User → items through a collaborative embedding: the user's vector is computed from their
 * latest events at request time, then the item index is searched with the request's filters
 * applied inside the search, so a filtered query still fills its quota.
 */
public final class EmbeddingRetriever implements Retriever {
    /** How many of the newest anchors are compared with each result to name a reason. */
    private static final int REASON_ANCHORS = 20;
    /** How many of the catalog's newest items are looked at for loaned positions. */
    private static final int NEW_ITEMS_SCANNED = 1_000;

    /** One embedding space of the bundle: its item vectors, their index, and how a user's vector is made. */
    private interface Space {
        Factors items(CollaborativeModels m);

        VectorIndex index(CollaborativeModels m);

        float[] userVector(CollaborativeModels m, RequestContext context, List<Anchor> anchors);

        /** Whether {@link #unknownItemVector} places items the bundle does not know. */
        default boolean placesUnknownItems() {
            return false;
        }

        /** A vector for an item the bundle does not know, from its features; null when it cannot be placed. */
        default float[] unknownItemVector(ModelBundle bundle, io.sieve.model.Item item) {
            return null;
        }
    }

    private static final Space ALS = new Space() {
        @Override
        public Factors items(CollaborativeModels m) {
            return m.als() == null ? null : m.als().items();
        }

        @Override
        public VectorIndex index(CollaborativeModels m) {
            return m.alsIndex();
        }

        @Override
        public float[] userVector(CollaborativeModels m, RequestContext context, List<Anchor> anchors) {
            int[] items = new int[anchors.size()];
            float[] strengths = new float[anchors.size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = anchors.get(i).itemIndex();
                strengths[i] = (float) anchors.get(i).weight();
            }
            return m.als().foldIn(items, strengths);
        }
    };

    private static final Space BPR = new Space() {
        @Override
        public Factors items(CollaborativeModels m) {
            return m.bpr() == null ? null : m.bpr().items();
        }

        @Override
        public VectorIndex index(CollaborativeModels m) {
            return m.bprIndex();
        }

        @Override
        public float[] userVector(CollaborativeModels m, RequestContext context, List<Anchor> anchors) {
            return m.bpr().userVector(context.request().userId(), anchors.stream().mapToInt(Anchor::itemIndex).toArray());
        }
    };

    private static final Space CLEORA = new Space() {
        @Override
        public Factors items(CollaborativeModels m) {
            return m.cleora() == null ? null : m.cleora().items();
        }

        @Override
        public VectorIndex index(CollaborativeModels m) {
            return m.cleoraIndex();
        }

        @Override
        public float[] userVector(CollaborativeModels m, RequestContext context, List<Anchor> anchors) {
            float[] weights = new float[anchors.size()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) anchors.get(i).weight();
            }
            return m.cleora().userVector(anchors.stream().mapToInt(Anchor::itemIndex).toArray(), weights);
        }
    };

    private static final Space TWO_TOWER = new Space() {
        @Override
        public Factors items(CollaborativeModels m) {
            return m.twoTower() == null ? null : m.twoTower().items();
        }

        @Override
        public VectorIndex index(CollaborativeModels m) {
            return m.twoTowerIndex();
        }

        @Override
        public float[] userVector(CollaborativeModels m, RequestContext context, List<Anchor> anchors) {
            // The user's attributes as the model learned them (through the bundle's segment scheme), and the request's context.
            List<String> profile = context.bundle().segmentScheme().keysOf(context.user().orElse(null));
            return m.twoTower().userVector(anchors.stream().mapToInt(Anchor::itemIndex).toArray(), profile,
                    m.twoTower().contextKeys(context.now()));
        }

        @Override
        public boolean placesUnknownItems() {
            return true;
        }

        @Override
        public float[] unknownItemVector(ModelBundle bundle, io.sieve.model.Item item) {
            var model = bundle.models().twoTower();
            ContentModel content = bundle.content();
            // Encoding costs a copy or an inference: only for a model that reads content.
            boolean readsContent = model.contentProjection().rows() > 0 && !content.isEmpty();
            return model.newItemVector(item.labelNames(), readsContent ? content.vectorOf(item) : null);
        }
    };

    private final Space space;
    private final Function<RequestContext, List<Anchor>> anchors;
    private final String reasonPrefix;
    private final NewItems newItems;

    /**
     * How items without enough interactions get a position: from this many content neighbours,
     * while the feature store counts fewer than {@code interactions} positive events on them.
     */
    public record NewItems(int neighbours, double interactions, ItemStatistics statistics) {
        static final NewItems OFF = new NewItems(0, 0, null);
    }

    private EmbeddingRetriever(Space space, Function<RequestContext, List<Anchor>> anchors, String reasonPrefix,
                               NewItems newItems) {
        this.space = space;
        this.anchors = anchors;
        this.reasonPrefix = reasonPrefix;
        this.newItems = newItems;
    }

    /**
     * ALS, with the user folded in from their history by the closed-form least-squares step.
     *
     * @param newItems how items with too few interactions borrow a position from their content
     *                 neighbours (see BorrowedPositions); 0 neighbours leaves them to their own vectors
     */
    public static EmbeddingRetriever als(int historyLength, NewItems newItems) {
        return new EmbeddingRetriever(ALS, c -> HistoryAnchors.positive(c, historyLength), "because you ", newItems);
    }

    /**
     * ALS folded in from the current session only: what the user is after right now, in the taste
     * space, so it reaches items co-visitation has never paired with the session's items.
     */
    public static EmbeddingRetriever alsSession(int maxItems, Duration gap) {
        Session session = new Session(maxItems, gap);
        return new EmbeddingRetriever(ALS,
                c -> session.anchors(c).stream().filter(a -> a.weight() > 0).toList(), "because you just ", NewItems.OFF);
    }

    /** BPR, with trained user vectors and the mean of recent items for users training never saw. */
    public static EmbeddingRetriever bpr(int historyLength) {
        return new EmbeddingRetriever(BPR, c -> HistoryAnchors.positive(c, historyLength), "because you ", NewItems.OFF);
    }

    /** Cleora, the user placed at the weighted mean of their latest liked items. */
    public static EmbeddingRetriever cleora(int historyLength) {
        return new EmbeddingRetriever(CLEORA, c -> HistoryAnchors.positive(c, historyLength), "because you ", NewItems.OFF);
    }

    /**
     * The two-tower model: the user tower over the user's latest liked items; items added since
     * training are placed by the item tower from their categories and tags.
     */
    public static EmbeddingRetriever twoTower(int historyLength) {
        return new EmbeddingRetriever(TWO_TOWER, c -> HistoryAnchors.positive(c, historyLength), "because you ", NewItems.OFF);
    }

    /** The user's ALS vector folded in from their latest positive events; null without an ALS model or such events. */
    public static float[] alsUser(RequestContext context, int historyLength) {
        CollaborativeModels models = context.bundle().models();
        List<Anchor> anchors = models.als() == null ? List.of() : HistoryAnchors.positive(context, historyLength);
        return anchors.isEmpty() ? null : ALS.userVector(models, context, anchors);
    }

    @Override
    public List<Retrieved> retrieve(RequestContext context, int quota) {
        CollaborativeModels models = context.bundle().models();
        Factors items = space.items(models);
        if (items == null) {
            return List.of();
        }
        List<Anchor> anchors = this.anchors.apply(context);
        float[] user = space.userVector(models, context, anchors);
        if (user == null) {
            return List.of();
        }
        var ids = context.bundle().items();
        List<Neighbour> found = space.index(models).search(user, quota, item -> context.isEligible(ids.id(item)));
        List<Retrieved> out = new ArrayList<>(found.size());
        List<Anchor> recent = anchors.subList(0, Math.min(REASON_ANCHORS, anchors.size()));
        for (Neighbour n : found) {
            out.add(new Retrieved(ids.id(n.item()), n.score(), reason(context, items, recent, n.item(), reasonPrefix)));
        }
        if (space.placesUnknownItems()) {
            out.addAll(unknownItems(context, user));
            out.sort(java.util.Comparator.comparingDouble(Retrieved::score).reversed());
            out = new ArrayList<>(out.subList(0, Math.min(quota, out.size())));
        }
        if (newItems.neighbours() > 0) {
            List<Retrieved> borrowed = newItems(context, user);
            java.util.Set<String> replaced = new java.util.HashSet<>();
            borrowed.forEach(r -> replaced.add(r.itemId()));
            out.removeIf(r -> replaced.contains(r.itemId()));
            out.addAll(borrowed);
            out.sort(java.util.Comparator.comparingDouble(Retrieved::score).reversed());
            return out.subList(0, Math.min(quota, out.size()));
        }
        return out;
    }

    /** The catalog's newest items that the bundle does not know, placed from their features. */
    private List<Retrieved> unknownItems(RequestContext context, float[] user) {
        List<Retrieved> out = new ArrayList<>();
        var ids = context.bundle().items();
        for (String id : context.newestItems(NEW_ITEMS_SCANNED)) {
            if (ids.indexOf(id) >= 0 || !context.isEligible(id)) {
                continue;
            }
            context.item(id).map(item -> space.unknownItemVector(context.bundle(), item)).ifPresent(v ->
                    out.add(new Retrieved(id, VectorMath.dot(user, v), "new, and close to your taste")));
        }
        return out;
    }

    /** The catalog's newest items that have too few interactions yet, scored at their borrowed positions. */
    private List<Retrieved> newItems(RequestContext context, float[] user) {
        List<Retrieved> out = new ArrayList<>();
        for (String id : context.newestItems(NEW_ITEMS_SCANNED)) {
            if (newItems.statistics().engaged(id) >= newItems.interactions() || !context.isEligible(id)) {
                continue;
            }
            context.item(id).map(item -> BorrowedPositions.of(context.bundle(), item, newItems.neighbours())).ifPresent(v ->
                    out.add(new Retrieved(id, VectorMath.dot(user, v), "new, and close to your taste")));
        }
        return out;
    }

    /** Names the recent item most similar to the result, or a generic phrase for a user with no history. */
    private static String reason(RequestContext context, Factors items, List<Anchor> recent, int item, String prefix) {
        Anchor best = null;
        float bestSimilarity = Float.NEGATIVE_INFINITY;
        for (Anchor a : recent) {
            float s = VectorMath.dot(items.data(), items.offset(a.itemIndex()), items.data(), items.offset(item), items.dim());
            if (s > bestSimilarity) {
                bestSimilarity = s;
                best = a;
            }
        }
        return best == null ? "picked for your taste" : HistoryAnchors.reason(context, prefix, best);
    }

    /** Type {@code als}: the user folded into ALS from their history; items too new borrow positions (retrieval.newItemNeighbours). */
    public static final class Als implements RetrieverFactory {
        @Override
        public String type() {
            return "als";
        }

        @Override
        public Retriever create(SourceSettings settings, Shared shared) {
            var r = shared.retrieval();
            return als(r.historyLength(), new NewItems(r.newItemNeighbours(), r.newItemInteractions(), shared.statistics()));
        }
    }

    /** Type {@code alsSession}: the current session folded into ALS ({@code maxItems}, {@code gapMinutes} as for a session). */
    public static final class AlsSession implements RetrieverFactory {
        @Override
        public String type() {
            return "alsSession";
        }

        @Override
        public java.util.Map<String, Object> defaults() {
            return Session.DEFAULTS;
        }

        @Override
        public Retriever create(SourceSettings settings, Shared shared) {
            return alsSession(settings.integer("maxItems"), settings.minutes("gapMinutes"));
        }
    }

    /** Type {@code bpr}. */
    public static final class Bpr implements RetrieverFactory {
        @Override
        public String type() {
            return "bpr";
        }

        @Override
        public Retriever create(SourceSettings settings, Shared shared) {
            return bpr(shared.retrieval().historyLength());
        }
    }

    /** Type {@code twoTower}: the two-tower model (training.twoTower). */
    public static final class TwoTower implements RetrieverFactory {
        @Override
        public String type() {
            return "twoTower";
        }

        @Override
        public Retriever create(SourceSettings settings, Shared shared) {
            return twoTower(shared.retrieval().historyLength());
        }
    }

    /** Type {@code cleora}: Cleora's graph embeddings (training.cleora). */
    public static final class Cleora implements RetrieverFactory {
        @Override
        public String type() {
            return "cleora";
        }

        @Override
        public Retriever create(SourceSettings settings, Shared shared) {
            return cleora(shared.retrieval().historyLength());
        }
    }
}
