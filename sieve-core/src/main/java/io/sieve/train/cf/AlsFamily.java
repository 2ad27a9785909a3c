package io.sieve.train.cf;

import io.sieve.ann.AnnParams;
import io.sieve.ann.VectorIndexes;
import io.sieve.bundle.Indexed;
import io.sieve.bundle.cf.AlsModel;
import io.sieve.bundle.cf.Confidence;
import io.sieve.config.SieveConfig.TrainingConfig;
import io.sieve.train.progress.Progress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Implicit ALS ({@code training.als}), with its item vectors indexed for search. */
public final class AlsFamily implements ModelFamily {
    private static final Logger LOG = LoggerFactory.getLogger(AlsFamily.class);

    @Override
    public String name() {
        return "als";
    }

    @Override
    public boolean enabled(TrainingConfig config) {
        return config.als().enabled();
    }

    @Override
    public Object fit(InteractionMatrix interactions, TrainingConfig config, AnnParams ann) {
        var p = config.als();
        var params = new ImplicitAls.Params(p.factors(), p.iterations(), p.regularization(),
                new Confidence(p.confidence(), p.alpha(), p.epsilon()), p.cgSteps(), p.seed(), p.threads());
        long start = System.nanoTime();
        ImplicitAls als = new ImplicitAls(params);
        AlsModel model;
        try (Progress progress = Progress.start("ALS", p.iterations(), "iterations")) {
            model = als.fit(interactions, (it, nanos) -> progress.step());
        }
        LOG.info("ALS: {} factors, {} iterations in {} ms ({})", p.factors(), p.iterations(),
                (System.nanoTime() - start) / 1_000_000, als.kernels());
        var items = model.items();
        return new Indexed<>(model, VectorIndexes.build(items.data(), items.rows(), items.dim(), ann));
    }

    @Override
    public List<Tunable> tunables() {
        return List.of(Tunable.choice("training.als.factors", "32", "64", "128"),
                Tunable.log("training.als.regularization", 0.1, 300),
                Tunable.log("training.als.alpha", 0.5, 50),
                Tunable.choice("training.als.iterations", "10", "15", "20"));
    }
}
