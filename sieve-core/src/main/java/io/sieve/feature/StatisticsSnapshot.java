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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * arriving up to that late still count. Impressions carry the serving clock, which runs ahead of
 * an imported log's, so those after the cutoff and up to the training's own time (less the same
 * lateness) travel in the snapshot too, reduced to their time and items. A snapshot written under
 * other feature settings (event weights, half-lives, conversion types) is not used.
 */
public final class StatisticsSnapshot {
    /** Its file in a bundle. */
    public static final String FILE = "statistics.bin";
    private static final Logger LOG = LoggerFactory.getLogger(StatisticsSnapshot.class);
    private static final int FORMAT = 3;

    private StatisticsSnapshot() {
    }

    /**
     * The statistics of the store's events and impressions stamped up to {@code newest} less the
     * configured lateness, and, since impressions are stamped by the serving clock while events
     * keep their own (an imported log's may be months old), the impressions stamped after that up
     * to {@code now} less the lateness, as the statistics read them: so a server replays only the
     * impressions logged since the training, not every one since the data's newest event.
     */
    public static byte[] of(SieveConfig config, Store store, Instant newest, Instant now) {
        Duration lateness = Duration.ofMinutes(config.features().snapshotLatenessMinutes());
        Instant events = newest.minus(lateness);
        Instant impressions = now.minus(lateness).isAfter(events) ? now.minus(lateness) : events;
        ItemStatistics statistics = ItemStatistics.of(config, false);
        statistics.replay(store, null, events);
        List<ItemStatistics.Slate> later = ItemStatistics.slates(store, events, impressions);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeUTF(settings(config));
            out.writeLong(events.toEpochMilli());
            out.writeLong(impressions.toEpochMilli());
            statistics.writeTo(out);
            out.writeInt(later.size());
            for (ItemStatistics.Slate slate : later) {
                slate.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The statistics a server starts with: the snapshot, then the store after its cutoffs; empty
     * when the snapshot cannot be used (another format, other feature settings, damaged), and the
     * log says why.
     */
    public static Optional<ItemStatistics> restore(SieveConfig config, Store store, byte[] snapshot) {
        ItemStatistics statistics = ItemStatistics.of(config);
        Instant events;
        List<ItemStatistics.Slate> slates = new ArrayList<>();
        Instant impressions;
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
            events = Instant.ofEpochMilli(in.readLong());
            impressions = Instant.ofEpochMilli(in.readLong());
            statistics.readFrom(in);
            for (int n = in.readInt(); n > 0; n--) {
                slates.add(ItemStatistics.Slate.readFrom(in));
            }
        } catch (IOException e) {
            LOG.warn("statistics snapshot cannot be read ({}): replaying the whole store", e.toString());
            return Optional.empty();
        }
        slates.addAll(ItemStatistics.slates(store, impressions, null));
        statistics.addToGraph(store, events);
        statistics.replay(store, events, null, slates);
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
