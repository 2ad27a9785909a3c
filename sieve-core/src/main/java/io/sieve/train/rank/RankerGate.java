package io.sieve.train.rank;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The rule that decides whether a trained ranker is served: it must not lose to the blend on any
 * kind of held-out list, and over all lists its gain must exceed one standard error of the paired
 * differences. A ranker that cannot show it helps leaves the blend's order, which is never worse
 * than the blend.
 */
final class RankerGate {
    private RankerGate() {
    }

    /** Null when the ranker may be served; otherwise why not. */
    static String verdict(List<RankerValidation.Outcome> outcomes) {
        RankerValidation.Outcome all = outcomes.get(outcomes.size() - 1);
        if (all.lists() == 0) {
            return "no held-out list had a relevant item to validate the ranker on";
        }
        for (RankerValidation.Outcome o : outcomes.subList(0, outcomes.size() - 1)) {
            if (o.lists() > 0 && !(o.gain() >= 0)) {
                return String.format(Locale.ROOT, "the ranker lost to the blend on %s lists (NDCG@10 %.4f against %.4f, %d lists)",
                        o.kind(), o.ranker(), o.blend(), o.lists());
            }
        }
        if (!(all.gain() > all.standardError())) {
            return String.format(Locale.ROOT, "the ranker's gain over the blend, %.4f NDCG@10 (standard error %.4f, %d lists),"
                    + " is within noise", all.gain(), all.standardError(), all.lists());
        }
        return null;
    }

    /** The outcomes in one line, for the decision of a served ranker. */
    static String describe(List<RankerValidation.Outcome> outcomes) {
        return "beat the blend on held-out lists: " + outcomes.stream().map(o -> String.format(Locale.ROOT,
                "%s NDCG@10 %.4f against %.4f (%d lists)", o.kind(), o.ranker(), o.blend(), o.lists()))
                .collect(Collectors.joining("; "));
    }
}
