package io.sieve.train;

import io.sieve.bundle.CollaborativeModels;
import io.sieve.config.SieveConfig.TrainingConfig;
import io.sieve.train.cf.CatalogAttributes;
import io.sieve.train.cf.InteractionMatrix;
import io.sieve.train.cf.ModelFamilies;
import io.sieve.train.cf.ModelFamily;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Trains every model family the configuration enables, each on the same positive interactions. */
final class CollaborativeTrainer {
    private final TrainingConfig config;

    CollaborativeTrainer(TrainingConfig config) {
        this.config = config;
    }

    /** @param keysByUser each user's attributes as the segments read them, for the families that read them */
    CollaborativeModels train(Interactions data, Map<String, List<String>> keysByUser) {
        InteractionMatrix matrix = data.positiveMatrix();
        if (matrix.nonZeros() == 0) {
            return CollaborativeModels.NONE;
        }
        CatalogAttributes attributes = new CatalogAttributes(data.itemAttributes(),
                matrix.userIds().stream().map(u -> keysByUser.getOrDefault(u, List.of())).toList());
        Map<String, Object> models = new LinkedHashMap<>();
        for (ModelFamily family : ModelFamilies.all()) {
            if (family.enabled(config)) {
                models.put(family.name(), family.fit(matrix, attributes, config, Trainer.annParams(config)));
            }
        }
        return new CollaborativeModels(models);
    }
}
