package io.sieve.bundle;

import io.sieve.files.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The size and SHA-256 of every file in a bundle directory but the manifest, recorded in
 * {@code manifest.json} under {@code files} when the bundle is published and checked before any
 * of it is read: a truncated, damaged or missing file is named before it can reach a parser, or
 * LightGBM's native one, which may abort the process on input it does not expect.
 */
final class FileDigests {
    /** One file's record in the manifest. */
    record FileDigest(long bytes, String sha256) {
    }

    private FileDigests() {
    }

    /** Every regular file in {@code dir} except {@code skip}, by name. */
    static Map<String, FileDigest> of(Path dir, String skip) throws IOException {
        Map<String, FileDigest> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (!name.equals(skip)) {
                    out.put(name, new FileDigest(Files.size(f), sha256(f)));
                }
            }
        }
        return out;
    }

    /** The first file that does not match its record, and how; empty when all match. */
    static Optional<String> mismatch(Path dir, Map<String, FileDigest> expected) throws IOException {
        for (Map.Entry<String, FileDigest> e : expected.entrySet()) {
            Path file = dir.resolve(e.getKey());
            if (!file.normalize().getParent().equals(dir.normalize())) {
                return Optional.of("the manifest lists '" + e.getKey() + "', which is not a file of the bundle");
            }
            if (!Files.isRegularFile(file)) {
                return Optional.of(e.getKey() + " is missing");
            }
            long size = Files.size(file);
            if (size != e.getValue().bytes()) {
                return Optional.of(String.format("%s has %,d bytes, the manifest says %,d (truncated or replaced)",
                        e.getKey(), size, e.getValue().bytes()));
            }
            if (!sha256(file).equals(e.getValue().sha256())) {
                return Optional.of(e.getKey() + " does not match its SHA-256 in the manifest (damaged)");
            }
        }
        return Optional.empty();
    }

    private static String sha256(Path file) throws IOException {
        return HexFormat.of().formatHex(Sha256.of(file));
    }
}
