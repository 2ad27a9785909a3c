package io.sieve.simulate;

import io.sieve.ann.ItemIndex;
import io.sieve.bundle.ModelBundle;
import io.sieve.bundle.cf.AlsModel;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.store.Store;
import io.sieve.train.Interactions;
import io.sieve.train.Trainer;
import java.time.Clock;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The hidden tastes: an ALS model fitted to the world's interactions (its own fit, seeded from
 * the simulation), and the real users' histories that simulated users borrow their tastes from.
 */
final class GroundTruth {
    /** A borrowed taste needs a few items to mean anything. */
    private static final int MIN_ITEMS = 5;

    private GroundTruth() {
    }

    static SimulatedPopulation population(SieveConfig config, Store world, Simulation.Settings settings, UniformRandomProvider random) {
        Map<String, String> only = new LinkedHashMap<>();
        only.put("training.als.enabled", "true");
        only.put("training.als.seed", Long.toString(settings.seed()));
        only.put("training.bpr.enabled", "false");
        only.put("training.ease.enabled", "false");
        only.put("training.content.enabled", "false");
        SieveConfig truthConfig = ConfigLoader.withSettings(config, only);
        ModelBundle truth = new Trainer(truthConfig, Clock.systemUTC()).trainRetrieval(world);
        AlsModel als = truth.models().als();
        ItemIndex items = truth.items();
        Interactions data = Interactions.load(world, config.types(), config.training().trending().halfLife());
        List<Map.Entry<int[], float[]>> tastes = new ArrayList<>();
        for (Interactions.UserItems user : data.users()) {
            if (user.items().length < MIN_ITEMS) {
                continue;
            }
            int[] indexes = new int[user.items().length];
            for (int i = 0; i < indexes.length; i++) {
                indexes[i] = items.indexOf(data.items().id(user.items()[i]));
            }
            tastes.add(new AbstractMap.SimpleImmutableEntry<>(indexes, user.weights().clone()));
        }
        if (tastes.isEmpty()) {
            throw new IllegalArgumentException("the world has no user with " + MIN_ITEMS + " or more positive events to borrow a taste from");
        }
        return new SimulatedPopulation(als, items, tastes, settings.users(), settings.noise(), random);
    }
}
