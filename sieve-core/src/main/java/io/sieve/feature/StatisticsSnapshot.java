package io.sieve.feature;

import io.sieve.config.SieveConfig;
import io.sieve.store.Json;
import io.sieve.store.Store;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The item statistics as of a cutoff, saved with each model bundle ({@link #FILE}) so that a server
 * starts from them and replays only the store's events and impressions stamped after the cutoff,
 * instead of the whole store (which grows by an impression per request served).
 *
 * <p>The statistics of a set of events do not depend on the order they were applied in
 * ({@link ItemCounters}), so the snapshot plus everything stamped after its cutoff is exactly the
 * full replay, except for what was stored after the snapshot but stamped before its cutoff. The
 * cutoff is therefore the newest event's time less {@code features.snapshotLatenessMinutes}: events
 * arriving up to that late still count. A snapshot written under other feature settings (event
 * weights, half-lives, conversion types) is not used.
 */
public final class StatisticsSnapshot {
    /** Its file in a bundle. */
    public static final String FILE = "statistics.bin";
    private static final Logger LOG = LoggerFactory.getLogger(StatisticsSnapshot.class);
    private static final int FORMAT = 1;

    private StatisticsSnapshot() {
    }

    /** The statistics of everything in the store stamped up to {@code newest} less the configured lateness. */
    public static byte[] of(SieveConfig config, Store store, Instant newest) {
        Instant cutoff = newest.minusSeconds(60L * config.features().snapshotLatenessMinutes());
        ItemStatistics statistics = ItemStatistics.of(config);
        statistics.replay(store, null, cutoff);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeUTF(settings(config));
            out.writeLong(cutoff.toEpochMilli());
            statistics.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The statistics a server starts with: the snapshot, then the store after its cutoff; empty when
     * the snapshot cannot be used (another format, other feature settings, damaged), and the log
     * says why.
     */
    public static Optional<ItemStatistics> restore(SieveConfig config, Store store, byte[] snapshot) {
        ItemStatistics statistics = ItemStatistics.of(config);
        Instant cutoff;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            int format = in.readInt();
            if (format != FORMAT) {
                LOG.info("statistics snapshot is of format {}, not {}: replaying the whole store", format, FORMAT);
                return Optional.empty();
            }
            if (!in.readUTF().equals(settings(config))) {
                LOG.info("statistics snapshot was taken under other feature settings: replaying the whole store");
                return Optional.empty();
            }
            cutoff = Instant.ofEpochMilli(in.readLong());
            statistics.readFrom(in);
        } catch (IOException e) {
            LOG.warn("statistics snapshot cannot be read ({}): replaying the whole store", e.toString());
            return Optional.empty();
        }
        statistics.replay(store, cutoff, null);
        return Optional.of(statistics);
    }

    /** What the counters depend on besides the data, as text: a snapshot is used only under the same. */
    private static String settings(SieveConfig config) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("eventTypes", new java.util.TreeMap<>(config.eventTypes()));
        settings.put("halfLivesDays", config.features().halfLivesDays());
        settings.put("conversionTypes", config.features().conversionTypes());
        try {
            return Json.MAPPER.writeValueAsString(settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
