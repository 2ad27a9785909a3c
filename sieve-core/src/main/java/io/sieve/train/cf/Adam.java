package io.sieve.train.cf;

/** Adam's update (Kingma and Ba), with its usual constants, over a slice of a parameter array. */
final class Adam {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private Adam() {
    }

    /**
     * Moves {@code w[from .. from+length)} against its gradient, updating the moment estimates
     * {@code m} and {@code v}, and clears the gradient.
     *
     * @param step the optimiser's step count, from 1, for the bias correction
     */
    static void update(float[] w, float[] m, float[] v, float[] gradient, int from, int length, double learningRate, long step) {
        double correction1 = 1 - Math.pow(BETA1, step);
        float rate = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, step)) / correction1);
        for (int i = from; i < from + length; i++) {
            float g = gradient[i];
            m[i] = BETA1 * m[i] + (1 - BETA1) * g;
            v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
            w[i] -= rate * m[i] / ((float) Math.sqrt(v[i]) + EPSILON);
            gradient[i] = 0;
        }
    }
}
