package io.sieve.rerank;

import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Candidate;
import io.sieve.rules.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Pin rules, applied last so that nothing moves a pinned item: each pinned item is put at its
 * rule's position (or at the end of a shorter slate), unless the filters refuse it for this
 * request, in which case it is left out, as any other refused item would be.
 */
public final class PinningReRanker implements ReRanker {
    private final ReRanker slate;

    public PinningReRanker(ReRanker slate) {
        this.slate = slate;
    }

    @Override
    public List<Candidate> rerank(RequestContext context, List<Candidate> ranked, int n) {
        List<Candidate> out = new ArrayList<>(slate.rerank(context, ranked, n));
        for (Rule pin : context.rules().pins()) {
            for (int i = pin.items().size() - 1; i >= 0; i--) {
                String id = pin.items().get(i);
                if (!context.isEligible(id)) {
                    continue;
                }
                Candidate pinned = out.stream().filter(c -> c.itemId().equals(id)).findFirst()
                        .orElseGet(() -> new Candidate(id));
                out.remove(pinned);
                Candidate placed = pinned.withPropensity(1)
                        .withScore(pinned.score(), pinned.reason() != null ? pinned.reason() : "featured");
                out.add(Math.min(pin.position() - 1, out.size()), placed);
            }
        }
        return List.copyOf(out.subList(0, Math.min(n, out.size())));
    }

    /** {@code pins}: the pin rules, applied to the stage before; last, so nothing moves a pinned item. */
    public static final class Factory implements ReRankerFactory {
        @Override
        public String name() {
            return "pins";
        }

        @Override
        public ReRanker create(ReRanker inner, Shared shared) {
            return new PinningReRanker(inner);
        }
    }
}
