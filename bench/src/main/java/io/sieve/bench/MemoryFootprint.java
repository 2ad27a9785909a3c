package io.sieve.bench;

import io.sieve.bundle.BundleStore;
import io.sieve.bundle.ModelBundle;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import io.sieve.train.Interactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openjdk.jol.info.GraphLayout;

/**
 * Bytes per item, per user and per event of each structure a server or a training holds. Two
 * stores of proportional sizes are measured, each structure by walking its object graph (JOL) or
 * by its files; the difference between the two, divided by the difference in the structure's
 * unit, is its cost per unit, free of what every store pays once. The stores grow in items, users
 * and events together, so each structure is divided by the one unit that bounds it. Each store
 * must hold a trained bundle (bench/memory.sh makes both).
 *
 * <p>usage: MemoryFootprint SMALL_DATA_DIR LARGE_DATA_DIR
 */
public final class MemoryFootprint {
    private enum Unit { item, user, event }

    /** A structure, what it grows with, and where its bytes are: the heap or files (on disk, or mapped). */
    private record Structure(String name, String where, Unit unit, String bound, Function<World, Long> bytes) {
    }

    /** One store opened as the server and a training open it. */
    private record World(Store store, Path dataDir, ModelBundle bundle, ItemStatistics statistics, Interactions interactions)
            implements AutoCloseable {
        @Override
        public void close() {
            store.close();
        }

        long units(Unit unit) {
            return switch (unit) {
                case item -> interactions.items().size();
                case user -> interactions.users().size();
                case event -> interactions.eventCount();
            };
        }
    }

    private static final List<Structure> STRUCTURES = List.of(
            new Structure("catalog (the store's item map)", "heap", Unit.item, "every item", w -> heap(w.store())),
            new Structure("item statistics", "heap", Unit.item, "every item with an event",
                    w -> heap(w.statistics())),
            new Structure("ALS item vectors", "heap", Unit.item, "4 B x training.als.factors",
                    w -> heap(w.bundle().models().alsIndex())),
            new Structure("ALS graph index", "mapped file", Unit.item, "training.ann.m neighbours",
                    w -> files(w, "als-index", ".graph")),
            new Structure("co-visitation table", "heap", Unit.item, "training.coVisitation.neighbours per item",
                    w -> heap(w.bundle().coVisitation())),
            new Structure("content model (vectors)", "heap", Unit.item, "4 B x training.content.dimension",
                    w -> heap(w.bundle().content())),
            new Structure("content graph index", "mapped file", Unit.item, "training.ann.m neighbours",
                    w -> files(w, "content-index", ".graph")),
            new Structure("EASE item-item matrix", "heap", Unit.item, "4 B x training.ease.maxItems^2, at most",
                    w -> heap(w.bundle().models().ease())),
            new Structure("popularity, trending, segment lists", "heap", Unit.item, "training.listLength per list",
                    w -> heap(w.bundle().popularity(), w.bundle().trending(), w.bundle().segments())),
            new Structure("whole bundle, heap", "heap", Unit.item, "", w -> heap(w.bundle())),
            new Structure("whole bundle, files", "disk", Unit.item, "", w -> files(w, "", "")),
            new Structure("store (RocksDB files)", "disk", Unit.event, "", w -> directorySize(w.dataDir().resolve("store"))),
            new Structure("training: condensed interactions", "heap", Unit.event, "one (item, weight) per user and item",
                    w -> heap(w.interactions())),
            new Structure("training: interaction matrix (ALS, EASE input)", "heap", Unit.event, "positive pairs",
                    w -> heap(w.interactions().positiveMatrix())));

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: MemoryFootprint SMALL_DATA_DIR LARGE_DATA_DIR");
            System.exit(2);
        }
        SieveConfig config = ConfigLoader.defaults();
        Map<String, long[]> measured = new LinkedHashMap<>();
        List<long[]> units = new ArrayList<>();
        for (String dir : args) {
            try (World world = open(config, Path.of(dir))) {
                units.add(new long[] {world.units(Unit.item), world.units(Unit.user), world.units(Unit.event)});
                for (Structure s : STRUCTURES) {
                    measured.computeIfAbsent(s.name() + '\u0000' + s.unit(), k -> new long[2])[units.size() - 1] = s.bytes().apply(world);
                }
            }
        }
        System.out.printf(Locale.ROOT, "stores: %s items, %s users, %s events; %s items, %s users, %s events%n",
                units.get(0)[0], units.get(0)[1], units.get(0)[2], units.get(1)[0], units.get(1)[1], units.get(1)[2]);
        System.out.println("| structure | where | small store | large store | bytes per unit | bounded by |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (Structure s : STRUCTURES) {
            long[] b = measured.get(s.name() + '\u0000' + s.unit());
            long du = units.get(1)[s.unit().ordinal()] - units.get(0)[s.unit().ordinal()];
            double perUnit = du == 0 ? Double.NaN : (double) (b[1] - b[0]) / du;
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.1f per %s | %s |%n",
                    s.name(), s.where(), mb(b[0]), mb(b[1]), perUnit, s.unit(), s.bound());
        }
    }

    private static World open(SieveConfig config, Path dataDir) {
        Store store = StoreProviders.open(StoreUrl.parse(config.store().url()), dataDir);
        BundleStore bundles = new BundleStore(dataDir);
        ModelBundle bundle = bundles.load(bundles.currentVersion().orElseThrow(
                () -> new IllegalArgumentException(dataDir + " holds no trained bundle")));
        ItemStatistics statistics = ItemStatistics.replayed(config, store);
        return new World(store, dataDir, bundle, statistics,
                Interactions.load(store, config.types(), config.training().trending().halfLife()));
    }

    private static long heap(Object... roots) {
        return GraphLayout.parseInstance(roots).totalSize();
    }

    /** The current bundle's files whose names start with {@code prefix} and end with {@code suffix}. */
    private static long files(World w, String prefix, String suffix) {
        Path dir = new BundleStore(w.dataDir()).root().resolve(w.bundle().version());
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(suffix))
                    .mapToLong(MemoryFootprint::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long directorySize(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(MemoryFootprint::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
