package io.sieve.train.cf;

import io.sieve.ann.AnnParams;
import io.sieve.ann.VectorIndexes;
import io.sieve.bundle.Indexed;
import io.sieve.bundle.cf.CleoraModel;
import io.sieve.config.SieveConfig.TrainingConfig;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Cleora ({@code training.cleora}) over users, items and the items' categories and tags, item vectors indexed. */
public final class CleoraFamily implements ModelFamily {
    private static final Logger LOG = LoggerFactory.getLogger(CleoraFamily.class);

    @Override
    public String name() {
        return "cleora";
    }

    @Override
    public boolean enabled(TrainingConfig config) {
        return config.cleora().enabled();
    }

    @Override
    public Object fit(InteractionMatrix interactions, TrainingConfig config, AnnParams ann) {
        return fit(interactions, CatalogAttributes.NONE, config, ann);
    }

    @Override
    public Object fit(InteractionMatrix interactions, CatalogAttributes attributes, TrainingConfig config, AnnParams ann) {
        var p = config.cleora();
        long start = System.nanoTime();
        CleoraModel cleora = new Cleora(new Cleora.Params(p.dimension(), p.iterations(), p.attributeWeight(), p.newItemLength(), p.seed(), p.threads()))
                .fit(interactions, attributes.items());
        LOG.info("Cleora: {} rounds over {} interactions in {} ms", p.iterations(), interactions.nonZeros(),
                (System.nanoTime() - start) / 1_000_000);
        var items = cleora.items();
        return new Indexed<>(cleora, VectorIndexes.build(items.data(), items.rows(), items.dim(), ann));
    }

    @Override
    public List<Tunable> tunables() {
        return List.of(Tunable.choice("training.cleora.iterations", "2", "3", "4", "6", "8"),
                Tunable.choice("training.cleora.dimension", "64", "128", "256"),
                Tunable.log("training.cleora.attributeWeight", 0.1, 10));
    }
}
