package io.sieve.retrieve;

import io.sieve.content.ContentModel;
import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Retrieved;
import io.sieve.model.Event;
import io.sieve.model.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.sieve.ann.VectorMath;

/**
 * Items whose text is closest to what the user liked lately: the mean of the content vectors of
 * their latest positive items, searched in the content index (and among the items added since
 * training). It needs no interactions on the candidates, so it reaches new and long-tail items
 * that the collaborative sources cannot.
 */
public final class ContentRetriever implements Retriever {
    private static final int RECENT_ITEMS = 1_000;

    private final int profileItems;

    /** @param profileItems how many of the user's latest liked items make up their content profile */
    public ContentRetriever(int profileItems) {
        this.profileItems = profileItems;
    }

    @Override
    public List<Retrieved> retrieve(RequestContext context, int quota) {
        ContentModel content = context.bundle().content();
        if (content.isEmpty()) {
            return List.of();
        }
        Map<String, float[]> liked = new LinkedHashMap<>();
        for (Event e : context.history()) {
            if (liked.size() == profileItems) {
                break;
            }
            if (context.types().weightOf(e) > 0 && !liked.containsKey(e.item())) {
                context.item(e.item()).ifPresent(item -> liked.put(item.id(), content.vectorOf(item)));
            }
        }
        if (liked.isEmpty()) {
            return List.of();
        }
        float[] profile = new float[content.encoder().dimension()];
        liked.values().forEach(v -> {
            for (int i = 0; i < v.length; i++) {
                profile[i] += v[i] / liked.size();
            }
        });
        List<Item> recent = new ArrayList<>();
        for (String id : context.newestItems(RECENT_ITEMS)) {
            context.item(id).ifPresent(recent::add);
        }
        List<Retrieved> out = new ArrayList<>(quota);
        for (ContentModel.Match m : content.search(profile, quota, context::isEligible, recent)) {
            out.add(new Retrieved(m.itemId(), m.similarity(), reason(context, content, liked, m.itemId())));
        }
        return out;
    }

    /** Names the liked item whose text is closest to the match. */
    private static String reason(RequestContext context, ContentModel content, Map<String, float[]> liked, String match) {
        float[] v = context.item(match).map(content::vectorOf).orElse(null);
        String best = null;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (Map.Entry<String, float[]> e : liked.entrySet()) {
            float s = v == null ? 0 : VectorMath.dot(v, e.getValue());
            if (s > bestScore) {
                best = e.getKey();
                bestScore = s;
            }
        }
        String name = context.item(best).map(Item::displayName).orElse(best);
        return "described like " + name + ", which you liked";
    }

    /** Type {@code content}: the user's content profile is the text of their {@code profileItems} latest liked items. */
    public static final class Factory implements RetrieverFactory {
        @Override
        public String type() {
            return "content";
        }

        @Override
        public Map<String, Object> defaults() {
            return Map.of("profileItems", 10);
        }

        @Override
        public Retriever create(SourceSettings settings, Shared shared) {
            return new ContentRetriever(settings.integer("profileItems"));
        }
    }
}
