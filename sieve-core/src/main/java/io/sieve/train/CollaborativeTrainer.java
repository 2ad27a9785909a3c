package io.sieve.train;

import io.sieve.bundle.CollaborativeModels;
import io.sieve.config.SieveConfig.TrainingConfig;
import io.sieve.content.ContentModel;
import io.sieve.train.cf.CatalogAttributes;
import io.sieve.train.cf.ChoiceMoments;
import io.sieve.train.cf.ItemContent;
import io.sieve.train.cf.InteractionMatrix;
import io.sieve.train.cf.ModelFamilies;
import io.sieve.train.cf.ModelFamily;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Trains every model family the configuration enables, each on the same positive interactions. */
final class CollaborativeTrainer {
    private final TrainingConfig config;

    CollaborativeTrainer(TrainingConfig config) {
        this.config = config;
    }

    /**
     * @param keysByUser each user's attributes as the segments read them, for the families that read them
     * @param content    the catalog's content vectors, for the families that read them
     * @param zone       the zone of the context's hour and weekday (features.timeZone)
     */
    CollaborativeModels train(Interactions data, Map<String, List<String>> keysByUser, ContentModel content, ZoneId zone) {
        InteractionMatrix matrix = data.positiveMatrix();
        if (matrix.nonZeros() == 0) {
            return CollaborativeModels.NONE;
        }
        CatalogAttributes attributes = new CatalogAttributes(data.itemAttributes(),
                matrix.userIds().stream().map(u -> keysByUser.getOrDefault(u, List.of())).toList(), itemContent(data, content),
                config.twoTower().enabled() && config.twoTower().context()
                        ? new ChoiceMoments(data.positiveTimes(), zone) : ChoiceMoments.NONE);
        Map<String, Object> models = new LinkedHashMap<>();
        for (ModelFamily family : ModelFamilies.all()) {
            if (family.enabled(config)) {
                models.put(family.name(), family.fit(matrix, attributes, config, Trainer.annParams(config)));
            }
        }
        return new CollaborativeModels(models);
    }

    /** The content vectors by bundle item index (the content model numbers the catalog its own way). */
    private static ItemContent itemContent(Interactions data, ContentModel content) {
        if (content.isEmpty()) {
            return ItemContent.NONE;
        }
        return new ItemContent(content.encoder().dimension(), item -> {
            int indexed = content.ids().indexOf(data.items().id(item));
            return indexed < 0 ? null : content.index().vector(indexed);
        });
    }
}
