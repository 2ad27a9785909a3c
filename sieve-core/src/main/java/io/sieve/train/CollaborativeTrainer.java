package io.sieve.train;

import io.sieve.bundle.CollaborativeModels;
import io.sieve.config.SieveConfig.TrainingConfig;
import io.sieve.train.cf.InteractionMatrix;
import io.sieve.train.cf.ModelFamilies;
import io.sieve.train.cf.ModelFamily;
import java.util.LinkedHashMap;
import java.util.Map;

/** Trains every model family the configuration enables, each on the same positive interactions. */
final class CollaborativeTrainer {
    private final TrainingConfig config;

    CollaborativeTrainer(TrainingConfig config) {
        this.config = config;
    }

    CollaborativeModels train(Interactions data) {
        InteractionMatrix matrix = data.positiveMatrix();
        if (matrix.nonZeros() == 0) {
            return CollaborativeModels.NONE;
        }
        Map<String, Object> models = new LinkedHashMap<>();
        for (ModelFamily family : ModelFamilies.all()) {
            if (family.enabled(config)) {
                models.put(family.name(), family.fit(matrix, data.itemAttributes(), config, Trainer.annParams(config)));
            }
        }
        return new CollaborativeModels(models);
    }
}
