package io.sieve.bundle;

import static io.sieve.bundle.BinaryTables.readFloats;
import static io.sieve.bundle.BinaryTables.readInts;
import static io.sieve.bundle.BinaryTables.readStrings;
import static io.sieve.bundle.BinaryTables.writeFloats;
import static io.sieve.bundle.BinaryTables.writeInts;
import static io.sieve.bundle.BinaryTables.writeStrings;


import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sieve.ann.ItemIndex;
import io.sieve.files.Directories;
import io.sieve.store.Json;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bundles on disk: {@code <dataDir>/bundles/<version>/} holds {@code manifest.json} and binary
 * tables; the file {@code bundles/CURRENT} names the version to serve. A bundle directory is
 * complete before CURRENT points at it (written aside, then renamed), so a reader never sees half
 * of one. The manifest, written last, records every other file's size and SHA-256 under
 * {@code files}; a bundle whose files do not match is refused before any of it is parsed. A bundle
 * trained elsewhere only has to follow this layout.
 */
public final class BundleStore {
    private static final Logger LOG = LoggerFactory.getLogger(BundleStore.class);
    private static final String CURRENT = "CURRENT";
    private static final String MANIFEST = "manifest.json";
    private static final String FILES = "files";
    private static final String PARTS = "parts";
    private final Path root;

    public BundleStore(Path dataDir) {
        this.root = dataDir.resolve("bundles");
    }

    public Path root() {
        return root;
    }

    /** The version CURRENT names, if any. */
    public Optional<String> currentVersion() {
        Path current = root.resolve(CURRENT);
        try {
            return Files.exists(current) ? Optional.of(Files.readString(current).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the bundle, points CURRENT at it, and removes all but the newest {@code keep} bundles. */
    public Path publish(ModelBundle bundle, int keep) {
        return publish(bundle, keep, Map.of());
    }

    /**
     * {@link #publish(ModelBundle, int)} with files the bundle carries for other layers, by name
     * (the feature store's statistics snapshot): checksummed with the rest, read back by
     * {@link #attachment}.
     */
    public Path publish(ModelBundle bundle, int keep, Map<String, byte[]> attachments) {
        return publish(bundle, keep, attachments, Set.of());
    }

    /**
     * {@link #publish(ModelBundle, int, Map)} that never removes the versions {@code pinned} names
     * (those experiment variants serve), however old.
     */
    public Path publish(ModelBundle bundle, int keep, Map<String, byte[]> attachments, Set<String> pinned) {
        try {
            Files.createDirectories(root);
            Path tmp = Files.createTempDirectory(root, ".incoming-");
            for (Map.Entry<String, byte[]> a : attachments.entrySet()) {
                Files.write(tmp.resolve(a.getKey()), a.getValue());
            }
            write(bundle, tmp);
            Path dir = root.resolve(bundle.version());
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            point(bundle.version());
            prune(keep, bundle.version(), pinned);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish bundle " + bundle.version(), e);
        }
    }

    /**
     * Points CURRENT at a version already published, atomically: how a canary that failed is
     * rolled back, so that no server (this one after a restart, or another replica) picks it up again.
     */
    public void point(String version) {
        if (!Files.isDirectory(root.resolve(version))) {
            throw new IllegalArgumentException("no bundle " + version + " in " + root);
        }
        try {
            Path pointer = Files.createTempFile(root, ".current-", "");
            Files.writeString(pointer, version + "\n");
            Files.move(pointer, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot point " + CURRENT + " at " + version, e);
        }
    }

    /**
     * Reads a bundle after checking its files against the manifest.
     *
     * @throws BundleRefusedException if a file is missing, damaged or unreadable
     */
    public ModelBundle load(String version) {
        Path dir = root.resolve(version);
        try {
            ObjectNode manifestJson = (ObjectNode) Json.MAPPER.readTree(dir.resolve(MANIFEST).toFile());
            JsonNode files = manifestJson.remove(FILES);
            JsonNode parts = manifestJson.remove(PARTS);
            if (files != null) {
                Optional<String> mismatch = FileDigests.mismatch(dir,
                        Json.MAPPER.convertValue(files, new TypeReference<Map<String, FileDigests.FileDigest>>() { }));
                if (mismatch.isPresent()) {
                    throw new BundleRefusedException(version, mismatch.get(), null);
                }
            }
            BundleManifest manifest = Json.MAPPER.treeToValue(manifestJson, BundleManifest.class);
            if (manifest.formatVersion() != BundleManifest.FORMAT_VERSION) {
                throw new IOException("bundle format " + manifest.formatVersion() + " is not supported");
            }
            return read(dir, manifest, parts == null ? ModelParts.inferred(dir)
                    : Json.MAPPER.convertValue(parts, new TypeReference<Map<String, ModelParts.Part>>() { }));
        } catch (BundleRefusedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BundleRefusedException(version, "it cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A file published with the bundle ({@link #publish(ModelBundle, int, Map)}), if the bundle has
     * it and it matches its checksum; a bundle that cannot be read has none.
     */
    public Optional<byte[]> attachment(String version, String name) {
        Path dir = root.resolve(version);
        try {
            JsonNode files = Json.MAPPER.readTree(dir.resolve(MANIFEST).toFile()).get(FILES);
            if (files == null || !files.has(name)) {
                return Optional.empty();
            }
            FileDigests.FileDigest digest = Json.MAPPER.treeToValue(files.get(name), FileDigests.FileDigest.class);
            if (FileDigests.mismatch(dir, Map.of(name, digest)).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(dir.resolve(name)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the bundle's manifest records its files' checksums (bundles written before they did, do not). */
    public boolean hasChecksums(String version) {
        try {
            return Json.MAPPER.readTree(root.resolve(version).resolve(MANIFEST).toFile()).has(FILES);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The newest bundle that loads, other than {@code except}: what to serve when the published
     * bundle is refused. Each bundle refused on the way is logged.
     */
    public Optional<ModelBundle> newestIntact(String except) {
        try {
            for (Path dir : versionsNewestFirst()) {
                String version = dir.getFileName().toString();
                if (!version.equals(except)) {
                    try {
                        return Optional.of(load(version));
                    } catch (BundleRefusedException e) {
                        LOG.warn(e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list the bundles in {}", root, e);
        }
        return Optional.empty();
    }

    /**
     * Each stored bundle's manifest, newest first, without its file checksums, as written (what
     * training recorded: parameters, the ranker's validation and feature importance). A bundle
     * whose manifest cannot be read is left out.
     */
    public List<JsonNode> manifests() {
        List<JsonNode> out = new ArrayList<>();
        try {
            for (Path dir : versionsNewestFirst()) {
                try {
                    JsonNode manifest = Json.MAPPER.readTree(dir.resolve(MANIFEST).toFile());
                    if (manifest instanceof ObjectNode object) {
                        object.remove(FILES);
                        out.add(object);
                    }
                } catch (IOException e) {
                    LOG.warn("cannot read the manifest of bundle {}: {}", dir.getFileName(), e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list the bundles in {}", root, e);
        }
        return out;
    }

    private ModelBundle read(Path dir, BundleManifest manifest, Map<String, ModelParts.Part> parts) throws IOException {
        try (DataInputStream in = open(dir.resolve("tables.bin"))) {
            ItemIndex items = new ItemIndex(readStrings(in));
            RankedList popularity = readRanked(in);
            RankedList trending = readRanked(in);
            SegmentScheme scheme = new SegmentScheme(readStrings(in), Arrays.stream(readInts(in)).boxed().toList());
            int segmentCount = in.readInt();
            Map<String, RankedList> segments = new LinkedHashMap<>();
            for (int i = 0; i < segmentCount; i++) {
                segments.put(in.readUTF(), readRanked(in));
            }
            NeighbourTable coVisitation = new NeighbourTable(readInts(in), readInts(in), readFloats(in));
            return new ModelBundle(manifest, items, popularity, trending, scheme, Map.copyOf(segments), coVisitation,
                    ModelParts.read(dir, parts), ContentModelFiles.read(dir), RankerFiles.read(dir));
        }
    }

    private void write(ModelBundle b, Path dir) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(dir.resolve("tables.bin")), 1 << 16))) {
            writeStrings(out, b.items().ids());
            writeRanked(out, b.popularity());
            writeRanked(out, b.trending());
            writeStrings(out, b.segmentScheme().attributes());
            writeInts(out, b.segmentScheme().ageBounds().stream().mapToInt(Integer::intValue).toArray());
            out.writeInt(b.segments().size());
            for (Map.Entry<String, RankedList> e : b.segments().entrySet()) {
                out.writeUTF(e.getKey());
                writeRanked(out, e.getValue());
            }
            writeInts(out, b.coVisitation().offsets());
            writeInts(out, b.coVisitation().neighbours());
            writeFloats(out, b.coVisitation().scores());
        }
        Map<String, ModelParts.Part> parts = ModelParts.write(b.models(), dir);
        ContentModelFiles.write(b.content(), dir);
        RankerFiles.write(b.ranker(), dir);
        // Last, so that it can describe every other file.
        ObjectNode manifest = Json.MAPPER.valueToTree(b.manifest());
        manifest.set(PARTS, Json.MAPPER.valueToTree(parts));
        manifest.set(FILES, Json.MAPPER.valueToTree(FileDigests.of(dir, MANIFEST)));
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(MANIFEST).toFile(), manifest);
    }

    private void prune(int keep, String current, Set<String> pinned) throws IOException {
        List<Path> versions = versionsNewestFirst();
        for (int i = keep; i < versions.size(); i++) {
            Path old = versions.get(i);
            String version = old.getFileName().toString();
            if (!version.equals(current) && !pinned.contains(version)) {
                Directories.deleteRecursively(old);
            }
        }
    }

    private List<Path> versionsNewestFirst() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
        }
    }

    static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    private static void writeRanked(DataOutputStream out, RankedList list) throws IOException {
        writeInts(out, list.items());
        writeFloats(out, list.scores());
    }

    private static RankedList readRanked(DataInputStream in) throws IOException {
        return new RankedList(readInts(in), readFloats(in));
    }
}
