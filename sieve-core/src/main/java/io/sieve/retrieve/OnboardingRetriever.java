package io.sieve.retrieve;

import io.sieve.bundle.RankedList;
import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Retrieved;
import io.sieve.model.ColdStartStage;
import io.sieve.model.Item;
import java.util.ArrayList;
import java.util.List;

/**
 * The most popular items of the categories the user picked at onboarding
 * ({@code POST /v1/users/{id}/onboarding}): what a new user sees before their first click.
 */
public final class OnboardingRetriever implements Retriever {
    @Override
    public List<Retrieved> retrieve(RequestContext context, int quota) {
        List<String> picked = context.user()
                .map(u -> u.attributes().get(ColdStartStage.PREFERRED_CATEGORIES))
                .filter(List.class::isInstance)
                .map(v -> ((List<?>) v).stream().map(String::valueOf).toList())
                .orElse(List.of());
        if (picked.isEmpty()) {
            return List.of();
        }
        RankedList popular = context.bundle().popularity();
        var ids = context.bundle().items();
        List<Retrieved> out = new ArrayList<>(quota);
        for (int i = 0; i < popular.size() && out.size() < quota; i++) {
            String id = ids.id(popular.items()[i]);
            String category = context.item(id).flatMap(item -> firstPicked(item, picked)).orElse(null);
            if (category != null && context.isEligible(id)) {
                out.add(new Retrieved(id, popular.scores()[i], "popular in " + category + ", which you picked"));
            }
        }
        return out;
    }

    private static java.util.Optional<String> firstPicked(Item item, List<String> picked) {
        return item.categories().stream().filter(picked::contains).findFirst();
    }

    /** Type {@code onboarding}. */
    public static final class Factory implements RetrieverFactory {
        @Override
        public String type() {
            return "onboarding";
        }

        @Override
        public Retriever create(SourceSettings settings, Shared shared) {
            return new OnboardingRetriever();
        }
    }
}
