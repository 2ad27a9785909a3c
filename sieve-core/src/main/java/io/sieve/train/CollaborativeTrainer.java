package io.sieve.train;

import io.sieve.ann.AnnParams;
import io.sieve.ann.VectorIndex;
import io.sieve.ann.VectorIndexes;
import io.sieve.bundle.CollaborativeModels;
import io.sieve.config.SieveConfig.TrainingConfig;
import io.sieve.bundle.cf.AlsModel;
import io.sieve.train.cf.Bpr;
import io.sieve.bundle.cf.BprModel;
import io.sieve.bundle.cf.Confidence;
import io.sieve.train.cf.Ease;
import io.sieve.bundle.cf.EaseModel;
import io.sieve.bundle.cf.Factors;
import io.sieve.train.cf.ImplicitAls;
import io.sieve.train.cf.InteractionMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Trains the enabled collaborative models (ALS, BPR, EASE) and indexes their item vectors. */
final class CollaborativeTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(CollaborativeTrainer.class);

    private final TrainingConfig config;

    CollaborativeTrainer(TrainingConfig config) {
        this.config = config;
    }

    CollaborativeModels train(Interactions data) {
        InteractionMatrix matrix = data.positiveMatrix();
        if (matrix.nonZeros() == 0) {
            return CollaborativeModels.NONE;
        }
        AlsModel als = null;
        VectorIndex alsIndex = null;
        if (config.als().enabled()) {
            als = trainAls(matrix);
            alsIndex = index(als.items());
        }
        BprModel bpr = null;
        VectorIndex bprIndex = null;
        if (config.bpr().enabled()) {
            var p = config.bpr();
            long start = System.nanoTime();
            bpr = new Bpr(new Bpr.Params(p.factors(), p.epochs(), p.learningRate(), p.regularization(), p.seed())).fit(matrix);
            LOG.info("BPR: {} epochs in {} ms", p.epochs(), (System.nanoTime() - start) / 1_000_000);
            bprIndex = index(bpr.items());
        }
        EaseModel ease = null;
        if (config.ease().enabled()) {
            long start = System.nanoTime();
            ease = new Ease(new Ease.Params(config.ease().lambda(), config.ease().maxItems())).fit(matrix);
            LOG.info("EASE: {} items in {} ms", ease.size(), (System.nanoTime() - start) / 1_000_000);
        }
        return new CollaborativeModels(als, alsIndex, bpr, bprIndex, ease);
    }

    private AlsModel trainAls(InteractionMatrix matrix) {
        var p = config.als();
        var params = new ImplicitAls.Params(p.factors(), p.iterations(), p.regularization(),
                new Confidence(p.confidence(), p.alpha(), p.epsilon()), p.cgSteps(), p.seed(), p.threads());
        long start = System.nanoTime();
        AlsModel model = new ImplicitAls(params).fit(matrix, (it, nanos) -> LOG.debug("ALS iteration {}: {} ms", it, nanos / 1_000_000));
        LOG.info("ALS: {} factors, {} iterations in {} ms", p.factors(), p.iterations(), (System.nanoTime() - start) / 1_000_000);
        return model;
    }

    private VectorIndex index(Factors items) {
        return VectorIndexes.build(items.data(), items.rows(), items.dim(), annParams(config));
    }

    /** The vector index settings of {@code training.ann}, shared by every index a bundle holds. */
    public static AnnParams annParams(TrainingConfig config) {
        var a = config.ann();
        var defaults = AnnParams.defaults();
        return new AnnParams(a.exactBelow(), a.m(), a.beamWidth(), defaults.neighborOverflow(), defaults.alpha(), a.overquery());
    }
}
