package io.sieve.spark;

import org.apache.spark.launcher.JavaModuleOptions;

/**
 * Prints the JVM options spark-submit adds on Java 17 and later (module opens, native access), one
 * per line, so that scripts/spark-train.sh starts the job's JVM as spark-submit would.
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
