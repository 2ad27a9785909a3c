package io.sieve.train.cf;

import io.sieve.ann.AnnParams;
import io.sieve.ann.VectorIndexes;
import io.sieve.bundle.Indexed;
import io.sieve.bundle.cf.BprModel;
import io.sieve.config.SieveConfig.TrainingConfig;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** BPR ({@code training.bpr}), with its bias-augmented item vectors indexed for search. */
public final class BprFamily implements ModelFamily {
    private static final Logger LOG = LoggerFactory.getLogger(BprFamily.class);

    @Override
    public String name() {
        return "bpr";
    }

    @Override
    public boolean enabled(TrainingConfig config) {
        return config.bpr().enabled();
    }

    @Override
    public Object fit(InteractionMatrix interactions, TrainingConfig config, AnnParams ann) {
        var p = config.bpr();
        long start = System.nanoTime();
        BprModel bpr = new Bpr(new Bpr.Params(p.factors(), p.epochs(), p.learningRate(), p.regularization(), p.seed()))
                .fit(interactions);
        LOG.info("BPR: {} epochs in {} ms", p.epochs(), (System.nanoTime() - start) / 1_000_000);
        var items = bpr.items();
        return new Indexed<>(bpr, VectorIndexes.build(items.data(), items.rows(), items.dim(), ann));
    }

    @Override
    public List<Tunable> tunables() {
        return List.of(Tunable.choice("training.bpr.factors", "32", "64", "128"),
                Tunable.choice("training.bpr.epochs", "50", "100", "200"),
                Tunable.log("training.bpr.learningRate", 0.005, 0.2),
                Tunable.log("training.bpr.regularization", 0.0001, 0.1));
    }
}
