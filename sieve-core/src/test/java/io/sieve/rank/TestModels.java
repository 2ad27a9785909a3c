package io.sieve.rank;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import io.sieve.nativelib.NativeLibraries;
import java.util.SplittableRandom;

/** Small LightGBM models trained on seeded data, as text, for tests of what serves them. */
public final class TestModels {
    private TestModels() {
    }

    /** A binary classifier over {@code features} uniform features; the label depends on the first three. */
    public static String binary(int features, int leaves, int trees) {
        NativeLibraries.lightGbm();
        SplittableRandom random = new SplittableRandom(7);
        int rows = 4_000;
        float[] x = new float[rows * features];
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < features; f++) {
                x[r * features + f] = (float) random.nextDouble();
            }
            y[r] = x[r * features] + x[r * features + 1] * x[r * features + 2] > 0.6 ? 1 : 0;
        }
        String params = "objective=binary verbosity=-1 num_leaves=" + leaves
                + " min_data_in_leaf=5 deterministic=true seed=7 num_threads=1";
        try (LGBMDataset data = LGBMDataset.createFromMat(x, rows, features, true, params, null)) {
            data.setField("label", y);
            try (LGBMBooster booster = LGBMBooster.create(data, params)) {
                for (int t = 0; t < trees; t++) {
                    booster.updateOneIter();
                }
                return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN);
            }
        } catch (LGBMException e) {
            throw new IllegalStateException(e);
        }
    }
}
