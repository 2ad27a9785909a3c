package io.sieve.train.cf;

import io.sieve.ann.VectorMath;
import io.sieve.bundle.cf.BprModel;
import io.sieve.bundle.cf.Factors;
import io.sieve.train.progress.Progress;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Bayesian personalised ranking (Rendle et al. 2009): stochastic gradient ascent on
 * ln σ(x_u·(y_i − y_j) + b_i − b_j) over sampled (user, liked item, other item) triples. One
 * thread with one seeded generator, so training is reproducible exactly.
 */
public final class Bpr {
    public record Params(int factors, int epochs, double learningRate, double regularization, long seed) {
    }

    private final Params params;

    public Bpr(Params params) {
        this.params = params;
    }

    public BprModel fit(InteractionMatrix m) {
        int k = params.factors();
        Factors users = Factors.random(m.rows(), k, 0.1, params.seed());
        Factors items = Factors.random(m.columns(), k, 0.1, params.seed() + 1);
        float[] bias = new float[m.columns()];
        int[][] liked = sortedRows(m);
        int[] userOf = new int[m.nonZeros()];
        for (int u = 0; u < m.rows(); u++) {
            Arrays.fill(userOf, m.rowStart()[u], m.rowStart()[u + 1], u);
        }
        SplittableRandom random = new SplittableRandom(params.seed());
        float lr = (float) params.learningRate();
        float reg = (float) params.regularization();
        float[] xu = new float[k];
        float[] ud = users.data();
        float[] yd = items.data();
        try (Progress progress = Progress.start("BPR", params.epochs(), "epochs")) {
            for (int epoch = 0; epoch < params.epochs(); epoch++) {
                for (int s = 0; s < m.nonZeros(); s++) {
                    int q = random.nextInt(m.nonZeros());
                    int u = userOf[q];
                    int i = m.cols()[q];
                    if (liked[u].length >= m.columns()) {
                        continue;
                    }
                    int j;
                    do {
                        j = random.nextInt(m.columns());
                    } while (Arrays.binarySearch(liked[u], j) >= 0);
                    int uo = users.offset(u);
                    int io = items.offset(i);
                    int jo = items.offset(j);
                    double x = bias[i] - bias[j] + VectorMath.dot(ud, uo, yd, io, k) - VectorMath.dot(ud, uo, yd, jo, k);
                    float g = (float) (1 / (1 + Math.exp(x)));
                    System.arraycopy(ud, uo, xu, 0, k);
                    for (int d = 0; d < k; d++) {
                        float yi = yd[io + d];
                        float yj = yd[jo + d];
                        ud[uo + d] += lr * (g * (yi - yj) - reg * xu[d]);
                        yd[io + d] += lr * (g * xu[d] - reg * yi);
                        yd[jo + d] += lr * (-g * xu[d] - reg * yj);
                    }
                    bias[i] += lr * (g - reg * bias[i]);
                    bias[j] += lr * (-g - reg * bias[j]);
                }
                progress.step();
            }
        }
        return BprModel.of(items, bias, users, m.userIds());
    }

    private static int[][] sortedRows(InteractionMatrix m) {
        int[][] rows = new int[m.rows()][];
        for (int u = 0; u < m.rows(); u++) {
            rows[u] = Arrays.copyOfRange(m.cols(), m.rowStart()[u], m.rowStart()[u + 1]);
            Arrays.sort(rows[u]);
        }
        return rows;
    }
}
