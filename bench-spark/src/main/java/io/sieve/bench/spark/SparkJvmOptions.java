package io.sieve.bench.spark;

import org.apache.spark.launcher.JavaModuleOptions;

/**
 * Prints the JVM options that spark-submit adds on Java 17 and later (module opens, the Vector API
 * for its BLAS, native access), one per line, so that bench/als-vs-spark.sh can start the benchmark
 * JVM as Spark would without copying Spark's list.
 */
public final class SparkJvmOptions {
    private SparkJvmOptions() {
    }

    public static void main(String[] args) {
        for (String option : JavaModuleOptions.defaultModuleOptionArray()) {
            System.out.println(option);
        }
    }
}
