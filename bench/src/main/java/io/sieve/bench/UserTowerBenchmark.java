package io.sieve.bench;

import io.sieve.bundle.cf.DenseLayer;
import io.sieve.bundle.cf.Factors;
import io.sieve.bundle.cf.TwoTowerModel;
import io.sieve.bundle.cf.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The two-tower source's user tower per request: pooling the history inputs of a user's 200 latest
 * items (attention weights included, as served) plus the mean of two user attributes, and the
 * tower's dense layers, on a 100,000-item model. Weights are random: the cost does not depend on their values. Each call takes another
 * random history, so the history rows come from memory as they would.
 *
 * <p>Run: {@code bench/run-jmh.sh UserTowerBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UserTowerBenchmark {
    static final int ITEMS = 100_000;
    static final int HISTORY = 200;
    /** The user's attributes, as the segments read them: two known names. */
    static final List<String> PROFILE = List.of("age=25-34", "country=DE");

    @Param({"64", "128"})
    public int dimension;

    /** 1: linear (the default); 2: ReLU then linear. */
    @Param({"1", "2"})
    public int layers;

    private TwoTowerModel model;
    private final List<int[]> histories = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        List<DenseLayer> tower = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            float[] weights = new float[dimension * dimension];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) random.nextGaussian() / dimension;
            }
            tower.add(new DenseLayer(dimension, dimension, weights, new float[dimension], l < layers - 1));
        }
        float[] historyWeights = new float[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            historyWeights[i] = (float) random.nextGaussian();
        }
        model = new TwoTowerModel(Factors.random(ITEMS, dimension, 0.1, 1), Factors.random(ITEMS, dimension, 0.1, 2),
                historyWeights, HISTORY, tower, tower, Vocabulary.empty(dimension), new Vocabulary(PROFILE, Factors.random(2, dimension, 0.1, 3)),
                Factors.zeros(0, dimension), "");
        for (int h = 0; h < 1024; h++) {
            histories.add(random.ints(HISTORY, 0, ITEMS).toArray());
        }
    }

    @Benchmark
    public float[] userVector() {
        next = (next + 1) & 1023;
        return model.userVector(histories.get(next), PROFILE);
    }
}
