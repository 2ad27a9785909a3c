package io.sieve.train.cf;

import io.sieve.ann.AnnParams;
import io.sieve.bundle.cf.EaseModel;
import io.sieve.config.SieveConfig.TrainingConfig;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** EASE ({@code training.ease}) over the most popular items. */
public final class EaseFamily implements ModelFamily {
    private static final Logger LOG = LoggerFactory.getLogger(EaseFamily.class);

    @Override
    public String name() {
        return "ease";
    }

    @Override
    public boolean enabled(TrainingConfig config) {
        return config.ease().enabled();
    }

    @Override
    public Object fit(InteractionMatrix interactions, TrainingConfig config, AnnParams ann) {
        long start = System.nanoTime();
        EaseModel ease = new Ease(new Ease.Params(config.ease().lambda(), config.ease().maxItems())).fit(interactions);
        LOG.info("EASE: {} items in {} ms", ease.size(), (System.nanoTime() - start) / 1_000_000);
        return ease;
    }

    @Override
    public List<Tunable> tunables() {
        return List.of(Tunable.log("training.ease.lambda", 10, 5000));
    }
}
