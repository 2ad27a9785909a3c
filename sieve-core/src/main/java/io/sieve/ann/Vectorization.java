package io.sieve.ann;

/**
 * Chooses jvector's distance code before jvector first runs: its Java Vector API code when the
 * JVM was started with {@code --add-modules jdk.incubator.vector} (1.1–1.9× faster searches and
 * builds, BENCHMARKS.md) and the jar exposes the multi-release class that holds it; plain Java
 * otherwise. Forcing the Vector API where it is missing makes jvector throw, and leaving the choice
 * to jvector lets it try a native library that measured slower. A choice made on the command line
 * ({@code -Djvector.vectorization_provider=...}) stands.
 */
final class Vectorization {
    private static final String PROPERTY = "jvector.vectorization_provider";
    private static final String PANAMA_CLASS = "io.github.jbellis.jvector.vector.PanamaVectorizationProvider";

    private Vectorization() {
    }

    static synchronized void choose() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        System.setProperty(PROPERTY, vectorApiUsable() ? "panama" : "default");
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
