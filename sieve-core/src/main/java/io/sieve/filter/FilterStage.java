package io.sieve.filter;

import io.sieve.funnel.Candidate;
import io.sieve.funnel.Eligibility;
import io.sieve.funnel.RequestContext;
import io.sieve.model.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All filters in order; an item is shown only if every one admits it. */
public final class FilterStage implements Eligibility {
    /** Survivors, and how many candidates each filter removed (first filter to refuse gets the count). */
    public record Result(List<Candidate> kept, Map<String, Integer> removedBy) {
    }

    private final List<CandidateFilter> filters;

    public FilterStage(List<CandidateFilter> filters) {
        this.filters = List.copyOf(filters);
    }

    @Override
    public boolean admits(String itemId, RequestContext context) {
        return admitsExcept(itemId, context, null);
    }

    @Override
    public boolean admitsIgnoringSeen(String itemId, RequestContext context) {
        return admitsExcept(itemId, context, SeenFilter.NAME);
    }

    /** Whether every filter but the one named {@code skipped} admits the item. */
    private boolean admitsExcept(String itemId, RequestContext context, String skipped) {
        Item item = context.item(itemId).orElse(null);
        for (CandidateFilter f : filters) {
            if (!f.name().equals(skipped) && !f.admits(itemId, item, context)) {
                return false;
            }
        }
        return true;
    }

    public Result apply(List<Candidate> candidates, RequestContext context) {
        List<Candidate> kept = new ArrayList<>(candidates.size());
        Map<String, Integer> removed = new LinkedHashMap<>();
        outer:
        for (Candidate c : candidates) {
            Item item = context.item(c.itemId()).orElse(null);
            for (CandidateFilter f : filters) {
                if (!f.admits(c.itemId(), item, context)) {
                    removed.merge(f.name(), 1, Integer::sum);
                    continue outer;
                }
            }
            kept.add(c);
        }
        return new Result(kept, removed);
    }
}
