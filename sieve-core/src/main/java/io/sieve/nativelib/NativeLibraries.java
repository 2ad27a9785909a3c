package io.sieve.nativelib;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.sieve.files.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads RocksDB, LightGBM and ONNX Runtime from locations no other process writes, before their
 * Java bindings would extract them on their own. Left alone, lightgbm4j writes its two libraries
 * to fixed names in {@code java.io.tmpdir} every time it starts, truncating the copy a running
 * server has mapped (the server then dies in its next native call).
 *
 * <ul>
 *   <li>RocksDB and ONNX Runtime: from {@link NativeCache}'s content-addressed directory, through
 *       their own hooks ({@code RocksDB.loadLibrary(paths)}, {@code onnxruntime.native.path}).
 *   <li>LightGBM: lightgbm4j has no hook but an environment variable, so its class initialiser runs
 *       with {@code java.io.tmpdir} pointing at a new directory of this process's own under the
 *       cache root, which is deleted once the libraries are loaded (a loaded library stays mapped
 *       after its file is removed), so no other process can ever open, let alone rewrite, them.
 * </ul>
 *
 * Each method is idempotent and cheap after its first call; call it before the library's first use.
 */
public final class NativeLibraries {
    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraries.class);
    private static final String ORT_PATH = "onnxruntime.native.path";

    private static boolean rocksDb;
    private static boolean lightGbm;
    private static boolean onnxRuntime;

    private NativeLibraries() {
    }

    public static synchronized void rocksDb() {
        if (rocksDb) {
            return;
        }
        String resource = Environment.getJniLibraryFileName("rocksdb");
        try {
            // RocksDB.loadLibrary(paths) loads getJniLibraryFileName("rocksdbjni") from each path: the
            // resource's name with one more "jni" in it. The file is named as that call asks.
            Path dir = NativeCache.install("rocksdb", Map.of(Environment.getJniLibraryFileName("rocksdbjni"), resource));
            RocksDB.loadLibrary(java.util.List.of(dir.toString()));
        } catch (IOException | UnsatisfiedLinkError e) {
            LOG.warn("RocksDB's native library could not be installed in {} ({}); RocksDB extracts a private copy instead",
                    NativeCache.root(), e.toString());
            RocksDB.loadLibrary();
        }
        rocksDb = true;
    }

    public static synchronized void lightGbm() {
        if (lightGbm) {
            return;
        }
        Path staging = null;
        String tmpdir = System.getProperty("java.io.tmpdir");
        try {
            staging = stagingDirectory();
            System.setProperty("java.io.tmpdir", staging.toString());
            Class.forName(LGBMBooster.class.getName(), true, NativeLibraries.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("lightgbm4j is missing from the class path", e);
        } finally {
            System.setProperty("java.io.tmpdir", tmpdir);
            Directories.deleteQuietly(staging);
        }
        if (!LGBMBooster.isNativeLoaded()) {
            throw new IllegalStateException("LightGBM's native library could not be loaded on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
        lightGbm = true;
    }

    /** Points ONNX Runtime at the cached libraries, unless {@code onnxruntime.native.path} is set already. */
    public static synchronized void onnxRuntime() {
        if (onnxRuntime || System.getProperty(ORT_PATH) != null) {
            return;
        }
        String platform = onnxPlatform();
        String core = System.mapLibraryName("onnxruntime");
        String jni = System.mapLibraryName("onnxruntime4j_jni");
        try {
            Path dir = NativeCache.install("onnxruntime", Map.of(
                    core, "ai/onnxruntime/native/" + platform + "/" + core,
                    jni, "ai/onnxruntime/native/" + platform + "/" + jni));
            System.setProperty(ORT_PATH, dir.toString());
        } catch (IOException e) {
            LOG.warn("ONNX Runtime's native libraries could not be installed in {} ({}); it extracts private copies instead",
                    NativeCache.root(), e.toString());
        }
        onnxRuntime = true;
    }

    /**
     * A new directory of this process's own under the cache root (or the temporary directory if the
     * root cannot be written), named after the process. Leftovers of processes that died before
     * deleting theirs are removed; a live process's directory is left to it.
     */
    private static Path stagingDirectory() {
        try {
            Path parent = NativeCache.root().resolve("lightgbm4j-staging");
            Files.createDirectories(parent);
            try (var leftovers = Files.list(parent)) {
                leftovers.filter(dir -> !ownerAlive(dir)).forEach(Directories::deleteQuietly);
            }
            return Files.createTempDirectory(parent, ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            try {
                return Files.createTempDirectory("sieve-lightgbm-");
            } catch (IOException again) {
                again.addSuppressed(e);
                throw new IllegalStateException("no directory to load LightGBM's native library from", again);
            }
        }
    }

    private static boolean ownerAlive(Path staging) {
        String name = staging.getFileName().toString();
        try {
            return ProcessHandle.of(Long.parseLong(name.substring(0, name.indexOf('-')))).isPresent();
        } catch (RuntimeException notOurs) {
            return false;
        }
    }

    /** ONNX Runtime's name for this platform's directory of libraries, as its jar lays them out. */
    private static String onnxPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osPart = os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win" : "linux";
        String archPart = arch.startsWith("aarch64") || arch.startsWith("arm64") ? "aarch64" : "x64";
        return osPart + "-" + archPart;
    }
}
