package io.sieve.ann;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chooses jvector's distance code before jvector first runs: its Java Vector API code when the
 * JVM was started with {@code --add-modules jdk.incubator.vector} (1.1–1.9× faster searches and
 * builds, BENCHMARKS.md) and the jar exposes the multi-release class that holds it; plain Java
 * otherwise. Forcing the Vector API where it is missing makes jvector throw, and leaving the choice
 * to jvector lets it try a native library that measured slower. A choice made on the command line
 * ({@code -Djvector.vectorization_provider=...}) stands.
 *
 * <p>It also sizes jvector's build threads to the JVM's processors unless the command line did
 * ({@code -Djvector.physical_core_count}), and keeps jvector's notes on these choices (the threads
 * it found, the vector width it uses) out of every command's output: only its warnings show.
 */
final class Vectorization {
    private static final String PROPERTY = "jvector.vectorization_provider";
    private static final String PANAMA_CLASS = "io.github.jbellis.jvector.vector.PanamaVectorizationProvider";
    private static final String CORE_COUNT = "jvector.physical_core_count";
    // Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level.
    private static final Logger JVECTOR_LOG = Logger.getLogger("io.github.jbellis.jvector");

    private Vectorization() {
    }

    static synchronized void choose() {
        if (System.getProperty(CORE_COUNT) == null) {
            System.setProperty(CORE_COUNT, String.valueOf(Runtime.getRuntime().availableProcessors()));
        }
        JVECTOR_LOG.setLevel(Level.WARNING);
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, vectorApiUsable() ? "panama" : "default");
        }
    }

    private static boolean vectorApiUsable() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            Class.forName(PANAMA_CLASS, false, Vectorization.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
