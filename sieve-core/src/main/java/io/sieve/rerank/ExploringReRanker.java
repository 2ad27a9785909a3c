package io.sieve.rerank;

import io.sieve.config.SieveConfig.ExplorationConfig;
import io.sieve.config.SieveConfig.ExplorationPolicyConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.model.Item;
import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Candidate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Exploration slots on top of the slate: at each configured position the surface's policy chooses
 * between the item the slate puts there and a pool of candidates outside the slate (those shown
 * least first, so new items get their chance), and every shown item carries the probability with
 * which it was chosen. Positions that do not explore are deterministic given the choices before
 * them (propensity 1); an item displaced by exploration moves one position down.
 */
public final class ExploringReRanker implements ReRanker {
    private final ReRanker slate;
    private final ExplorationConfig settings;
    private final ItemStatistics statistics;

    public ExploringReRanker(ReRanker slate, ExplorationConfig settings, ItemStatistics statistics) {
        this.slate = slate;
        this.settings = settings;
        this.statistics = statistics;
    }

    @Override
    public List<Candidate> rerank(RequestContext context, List<Candidate> ranked, int n) {
        List<Candidate> exploit = slate.rerank(context, ranked, n);
        ExplorationPolicyConfig config = settings.forSurface(context.request().surface());
        ExplorationPolicy.Factory factory = ReRankers.policy(config.type());
        if (factory == null || config.slots().isEmpty()) {
            return exploit;
        }
        ExplorationPolicy policy = factory.create(config, settings);
        Set<String> inSlate = new HashSet<>();
        exploit.forEach(c -> inSlate.add(c.itemId()));
        List<Candidate> pool = new ArrayList<>(ranked.stream().filter(c -> !inSlate.contains(c.itemId()))
                .sorted(Comparator.comparingDouble(c -> statistics.shown(c.itemId())))
                .limit(settings.pool()).toList());
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(
                settings.seed() ^ ((long) context.request().userId().hashCode() << 32) ^ context.now().toEpochMilli());
        Deque<Candidate> queue = new ArrayDeque<>(exploit);
        List<Candidate> out = new ArrayList<>(n);
        for (int position = 1; position <= n && !queue.isEmpty(); position++) {
            if (!config.slots().contains(position) || pool.isEmpty()) {
                out.add(queue.poll());
                continue;
            }
            List<ExplorationPolicy.Option> options = new ArrayList<>(pool.size() + 1);
            options.add(option(context, queue.peek()));
            pool.forEach(c -> options.add(option(context, c)));
            ExplorationPolicy.Choice choice = policy.choose(options, random);
            Candidate shown = choice.index() == 0 ? queue.poll() : pool.remove(choice.index() - 1);
            out.add(shown.withPropensity(choice.propensity()));
        }
        return List.copyOf(out);
    }

    private ExplorationPolicy.Option option(RequestContext context, Candidate c) {
        double shown = statistics.shown(c.itemId());
        String category = context.item(c.itemId()).map(Item::categories).filter(cs -> !cs.isEmpty())
                .map(cs -> cs.get(0)).orElse("");
        // Responses to slates, not every positive event: an item's history from before it was ever
        // shown would make it look clicked on every impression and crowd out what is explored.
        return new ExplorationPolicy.Option(c.itemId(), shown, Math.min(shown, statistics.responded(c.itemId())), category);
    }

    /** {@code exploration}: exploration slots (the {@code exploration} settings) on the stage before. */
    public static final class Factory implements ReRankerFactory {
        @Override
        public String name() {
            return "exploration";
        }

        @Override
        public ReRanker create(ReRanker inner, Shared shared) {
            return new ExploringReRanker(inner, shared.config().exploration(), shared.statistics());
        }
    }
}
