package io.sieve.retrieve;

import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Retrieved;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest catalog items, newest first. Items added since training have no interactions and no
 * vectors, so no behavioural source can propose them; this source puts them among the candidates,
 * where the ranker, the freshness bonus and exploration slots can give them impressions. Its score
 * is 1 / (1 + age in days), so its weight in the blend decides how much newness alone counts.
 */
public final class NewItemsRetriever implements Retriever {
    /** Looked at beyond the quota, since some new items are filtered out (seen, unavailable). */
    private static final int OVERSCAN = 4;

    @Override
    public List<Retrieved> retrieve(RequestContext context, int quota) {
        List<Retrieved> out = new ArrayList<>(quota);
        for (String id : context.newestItems(quota * OVERSCAN)) {
            if (out.size() == quota) {
                break;
            }
            if (!context.isEligible(id)) {
                continue;
            }
            context.item(id).ifPresent(item -> {
                double days = Math.max(0, (context.now().toEpochMilli() - item.createdAt().toEpochMilli()) / 86_400_000.0);
                out.add(new Retrieved(id, 1 / (1 + days), "new"));
            });
        }
        return out;
    }

    /** Type {@code newItems}. */
    public static final class Factory implements RetrieverFactory {
        @Override
        public String type() {
            return "newItems";
        }

        @Override
        public Retriever create(SourceSettings settings, Shared shared) {
            return new NewItemsRetriever();
        }
    }
}
