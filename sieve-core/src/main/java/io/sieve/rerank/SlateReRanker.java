package io.sieve.rerank;

import io.sieve.config.SieveConfig.RerankConfig;
import io.sieve.model.Item;
import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Candidate;
import io.sieve.store.RecentImpressions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shapes the slate from the ranker's best {@code window} candidates: boost rules, a freshness
 * bonus and impression fatigue on relevance (scores scaled to [0, 1] within the window), a diversity order (MMR or DPP
 * over embedding or category similarity, or plain relevance), and category caps. Caps are kept
 * while enough items remain; when they would leave the slate short, the best capped-out items fill
 * it. Last, the first confident slots are kept for items relevant enough.
 */
public final class SlateReRanker implements ReRanker {
    private final RerankConfig settings;
    private final RecentImpressions recentImpressions;
    private final Diversifier diversifier;
    private final ItemVectors.Kind similarity;

    /** @param recentImpressions the users' recent slates, which fatigue reads */
    public SlateReRanker(RerankConfig settings, RecentImpressions recentImpressions) {
        this.settings = settings;
        this.recentImpressions = recentImpressions;
        this.similarity = ItemVectors.Kind.valueOf(settings.similarity().name());
        this.diversifier = ReRankers.diversifier(settings.diversity(), settings.lambda());
    }

    @Override
    public List<Candidate> rerank(RequestContext context, List<Candidate> ranked, int n) {
        List<Candidate> window = ranked.subList(0, Math.min(Math.max(n, settings.window()), ranked.size()));
        double[] relevance = relevance(context, window);
        int[] order = diversifier == null
                ? byRelevance(relevance)
                : diversifier.select(relevance, ItemVectors.of(context, window, similarity), window.size());
        return confident(capped(context, window, order, n), window, relevance);
    }

    /**
     * The first confidentSlots positions only take items whose relevance reaches minConfidence:
     * a less certain item there moves behind them, and the slate keeps its length.
     */
    private List<Candidate> confident(List<Candidate> slate, List<Candidate> window, double[] relevance) {
        int k = Math.min(settings.confidentSlots(), slate.size());
        if (k == 0) {
            return slate;
        }
        Map<Candidate, Double> byCandidate = new HashMap<>();
        for (int i = 0; i < window.size(); i++) {
            byCandidate.put(window.get(i), relevance[i]);
        }
        List<Candidate> sure = new ArrayList<>();
        List<Candidate> unsure = new ArrayList<>();
        for (Candidate c : slate) {
            (sure.size() < k && byCandidate.getOrDefault(c, 0.0) >= settings.minConfidence() ? sure : unsure).add(c);
        }
        sure.addAll(unsure);
        return List.copyOf(sure);
    }

    private double[] relevance(RequestContext context, List<Candidate> window) {
        double min = window.stream().mapToDouble(Candidate::score).min().orElse(0);
        double max = window.stream().mapToDouble(Candidate::score).max().orElse(0);
        double[] out = new double[window.size()];
        Duration fresh = Duration.ofMillis((long) (settings.freshnessDays() * 86_400_000L));
        Map<String, Integer> ignored = ImpressionFatigue.ignoredImpressions(context, settings.fatigue(), recentImpressions);
        for (int i = 0; i < out.length; i++) {
            Candidate c = window.get(i);
            out[i] = max > min ? (c.score() - min) / (max - min) : 1;
            out[i] *= context.item(c.itemId()).map(item -> context.rules().boost(item)).orElse(1.0);
            if (settings.freshnessBoost() > 0 && isFresh(context, c.itemId(), fresh)) {
                out[i] += settings.freshnessBoost();
            }
            int excess = ignored.getOrDefault(c.itemId(), 0) - settings.fatigue().afterImpressions();
            if (excess >= 0) {
                out[i] *= Math.pow(settings.fatigue().decay(), excess + 1);
            }
        }
        return out;
    }

    private static boolean isFresh(RequestContext context, String itemId, Duration fresh) {
        return context.item(itemId).map(Item::createdAt)
                .map(created -> !created.isBefore(context.now().minus(fresh)))
                .orElse(false);
    }

    private static int[] byRelevance(double[] relevance) {
        Integer[] order = new Integer[relevance.length];
        Arrays.setAll(order, i -> i);
        // Stable: equal relevance keeps the ranker's order.
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -relevance[i]));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    private List<Candidate> capped(RequestContext context, List<Candidate> window, int[] order, int n) {
        int cap = settings.categoryCap();
        List<Candidate> slate = new ArrayList<>(n);
        List<Candidate> overCap = new ArrayList<>();
        Map<String, Integer> perCategory = new HashMap<>();
        for (int i : order) {
            if (slate.size() == n) {
                break;
            }
            Candidate c = window.get(i);
            List<String> categories = context.item(c.itemId()).map(Item::categories).orElse(List.of());
            if (cap > 0 && categories.stream().anyMatch(cat -> perCategory.getOrDefault(cat, 0) >= cap)) {
                overCap.add(c);
                continue;
            }
            categories.forEach(cat -> perCategory.merge(cat, 1, Integer::sum));
            slate.add(c);
        }
        for (int i = 0; slate.size() < n && i < overCap.size(); i++) {
            slate.add(overCap.get(i));
        }
        return List.copyOf(slate);
    }

    /** {@code slate}: the first stage of the chain. */
    public static final class Factory implements ReRankerFactory {
        @Override
        public String name() {
            return "slate";
        }

        @Override
        public ReRanker create(ReRanker inner, Shared shared) {
            if (inner != null) {
                throw new IllegalArgumentException("rerank.chain: slate chooses from the ranked candidates, so it comes first");
            }
            return new SlateReRanker(shared.config().rerank(), shared.recentImpressions());
        }
    }
}
