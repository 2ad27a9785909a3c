package io.sieve.train.cf;

import io.sieve.ann.AnnParams;
import io.sieve.ann.VectorIndexes;
import io.sieve.bundle.Indexed;
import io.sieve.bundle.cf.TwoTowerModel;
import io.sieve.config.SieveConfig.TrainingConfig;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two-tower model ({@code training.twoTower}), its item tower's outputs indexed. */
public final class TwoTowerFamily implements ModelFamily {
    private static final Logger LOG = LoggerFactory.getLogger(TwoTowerFamily.class);

    @Override
    public String name() {
        return "twoTower";
    }

    @Override
    public boolean enabled(TrainingConfig config) {
        return config.twoTower().enabled();
    }

    @Override
    public Object fit(InteractionMatrix interactions, TrainingConfig config, AnnParams ann) {
        return fit(interactions, CatalogAttributes.NONE, config, ann);
    }

    @Override
    public Object fit(InteractionMatrix interactions, CatalogAttributes attributes, TrainingConfig config, AnnParams ann) {
        var t = config.twoTower();
        long start = System.nanoTime();
        TwoTowerModel model = new TwoTower(new TwoTower.Params(t.dimension(), t.layers(), t.temperature(), t.batchSize(),
                t.epochs(), t.learningRate(), "attention".equals(t.pooling()), t.historyLength(), t.hardNegatives(), t.hardNegativePool(), t.idDropout(), t.historyDropout(),
                t.validationUsers(), t.patience(), t.refit(), t.members(), t.logQCorrection(), t.logQWeight(), t.seed(), t.threads()))
                .fit(interactions, new CatalogAttributes(attributes.items(), t.userAttributes() ? attributes.users() : List.of(),
                        t.content() ? attributes.content() : ItemContent.NONE, t.context() ? attributes.moments() : ChoiceMoments.NONE));
        LOG.info("two-tower: {} interactions in {} ms", interactions.nonZeros(), (System.nanoTime() - start) / 1_000_000);
        var items = model.items();
        return new Indexed<>(model, VectorIndexes.build(items.data(), items.rows(), items.dim(), ann));
    }

    /** Not the pooling: attention was no better on ml-100k, and the default two members pool by the mean. */
    @Override
    public List<Tunable> tunables() {
        return List.of(Tunable.choice("training.twoTower.dimension", "32", "64", "128"),
                Tunable.log("training.twoTower.temperature", 0.02, 0.3),
                Tunable.log("training.twoTower.learningRate", 0.001, 0.03),
                Tunable.choice("training.twoTower.layers", "1", "2"),
                Tunable.choice("training.twoTower.historyLength", "20", "50", "100", "200"));
    }
}
