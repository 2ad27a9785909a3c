package io.sieve.filter;

import io.sieve.funnel.RequestContext;
import java.util.Set;

/** When the request names categories, keeps only items in at least one of them. */
public final class CategoryFilter implements CandidateFilter {
    @Override
    public String name() {
        return "category";
    }

    @Override
    public boolean admits(String itemId, RequestContext context) {
        Set<String> wanted = context.request().categories();
        if (wanted.isEmpty()) {
            return true;
        }
        return context.item(itemId)
                .map(item -> item.categories().stream().anyMatch(wanted::contains))
                .orElse(false);
    }
}
