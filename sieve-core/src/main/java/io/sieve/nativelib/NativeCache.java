package io.sieve.nativelib;

import io.sieve.files.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The private home of the native libraries Sieve loads: {@code <root>/<name>-<sha256>/}, named by
 * the SHA-256 of the libraries' contents, so every version of a library has its own directory and
 * two Sieve builds never share one. A file is written aside and then linked into place, so it
 * appears complete or not at all, and an existing file is never written again: a process that has
 * it mapped can rely on it until it exits. A file found damaged is renamed away (its mappings stay
 * valid) and a fresh copy is linked in.
 *
 * <p>The root is {@code $SIEVE_NATIVE_DIR} (or the system property {@code sieve.native.dir}),
 * else {@code $XDG_CACHE_HOME/sieve/native}, else {@code ~/.cache/sieve/native}.
 */
public final class NativeCache {
    static final String ROOT_ENV = "SIEVE_NATIVE_DIR";
    static final String ROOT_PROPERTY = "sieve.native.dir";

    private NativeCache() {
    }

    /** The cache root; see the class comment for how it is chosen. */
    public static Path root() {
        String configured = System.getProperty(ROOT_PROPERTY, System.getenv(ROOT_ENV));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("sieve").resolve("native").toAbsolutePath();
    }

    /**
     * Installs class-path resources as files in one content-addressed directory and returns it.
     *
     * @param name      what the libraries are, the directory's prefix (e.g. {@code onnxruntime})
     * @param resources file name in the directory → class-path resource holding its bytes
     */
    static Path install(String name, Map<String, String> resources) throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        MessageDigest set = Sha256.digest();
        // Sorted by name: the directory's name must not depend on a map's iteration order.
        for (Map.Entry<String, String> r : new TreeMap<>(resources).entrySet()) {
            byte[] bytes = read(r.getValue());
            contents.put(r.getKey(), bytes);
            set.update(r.getKey().getBytes(StandardCharsets.UTF_8));
            set.update((byte) 0);
            set.update(Sha256.of(bytes));
        }
        Path dir = root().resolve(name + "-" + HexFormat.of().formatHex(set.digest()));
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> c : contents.entrySet()) {
            installFile(dir, c.getKey(), c.getValue());
        }
        return dir;
    }

    /** Puts {@code bytes} at {@code dir/fileName} unless an intact copy is already there. */
    static void installFile(Path dir, String fileName, byte[] bytes) throws IOException {
        Path target = dir.resolve(fileName);
        byte[] digest = Sha256.of(bytes);
        if (Files.exists(target)) {
            if (MessageDigest.isEqual(digest, Sha256.of(target))) {
                return;
            }
            // Renamed, not rewritten: a process that mapped the damaged file keeps its mapping.
            Files.move(target, dir.resolve("." + fileName + ".damaged-" + UUID.randomUUID()), StandardCopyOption.ATOMIC_MOVE);
        }
        Path part = Files.createTempFile(dir, "." + fileName + ".", ".part");
        try {
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            part.toFile().setExecutable(true, false);
            part.toFile().setReadable(true, false);
            link(part, target);
        } catch (FileAlreadyExistsException installedMeanwhile) {
            if (!MessageDigest.isEqual(digest, Sha256.of(target))) {
                throw new IOException(target + " was installed by another process with other contents");
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * A hard link fails if the name exists, where a rename would replace it: two processes
     * installing at once each keep what is there, and a file once in place is never replaced. On a
     * file system without hard links the rename is the fallback; it too leaves a mapped file intact
     * (the old inode lives on), and both processes wrote the same bytes.
     */
    private static void link(Path part, Path target) throws IOException {
        try {
            Files.createLink(target, part);
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException noHardLinks) {
            if (noHardLinks instanceof FileAlreadyExistsException exists) {
                throw exists;
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = NativeCache.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource + " on the class path");
            }
            return in.readAllBytes();
        }
    }
}
