package io.sieve.online;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sieve.background.BatchingWriter;
import io.sieve.feature.ItemStatistics;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.store.RecentImpressions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Online state shared by replicas through one Redis.
 *
 * <ul>
 *   <li>Item counters: every replica counts what it accepts and serves in its own
 *       {@link ItemStatistics} at once (every request reads them, so they stay in memory) and
 *       appends the update to the stream {@value #UPDATES}, capped at {@code online.streamLength}
 *       entries; a follower thread reads the stream and applies the other replicas' updates.</li>
 *   <li>Each user's recent slates, for fatigue: the list {@code sieve:slates:<user>}, newest first,
 *       capped at {@code online.recentSlates}, expiring {@code rerank.fatigue.days} after the last.</li>
 * </ul>
 *
 * Writes to Redis leave the request path: a writer thread sends them in pipelined batches. When Redis
 * is unreachable the replica goes on with its own counters, reads recent slates from the store, drops
 * (and counts) the updates it cannot send, and reports itself degraded; the follower retries every
 * second and, once Redis answers, reading and sending resume.
 */
final class RedisOnlineState implements OnlineState {
    private static final Logger LOG = LoggerFactory.getLogger(RedisOnlineState.class);
    static final String UPDATES = "sieve:updates";
    private static final String SLATES = "sieve:slates:";
    private static final int QUEUE = 20_000;
    private static final int BATCH = 500;
    /** At most this many events in one stream entry: about 15 KB. */
    private static final int EVENTS_PER_UPDATE = 100;
    private static final long RETRY_MS = 1_000;

    /** @param requests short timeouts, for the request path and the writer; {@code follower} blocks on the stream */
    record Connections(JedisPooled requests, JedisPooled follower, String address) {
    }

    /** @param slatesTtlMs how long a user's slate list outlives its newest slate */
    record Limits(int recentSlates, int streamLength, long slatesTtlMs) {
    }

    private final Connections redis;
    private final Limits limits;
    private final ItemStatistics statistics;
    private final RecentImpressions store;
    /** Tells this replica's updates from the others' on the shared stream. */
    private final String replica = UUID.randomUUID().toString();
    private final XAddParams capped;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final BatchingWriter<SharedUpdate> writer;
    private final Thread follower;
    private volatile String down;
    private volatile boolean closing;

    RedisOnlineState(Connections redis, Limits limits, ItemStatistics statistics, RecentImpressions store) {
        this.redis = redis;
        this.limits = limits;
        this.statistics = statistics;
        this.store = store;
        // Where this replica starts following, fixed before it serves: every update another replica
        // shares from now on reaches it (what came before is in the store, which it started from).
        StreamEntryID start = newestUpdate();
        this.capped = XAddParams.xAddParams().maxLen(limits.streamLength()).approximateTrimming();
        this.writer = new BatchingWriter<>("sieve-online-writer", QUEUE, BATCH, this::send, dropped::addAndGet);
        this.follower = Thread.ofPlatform().name("sieve-online-follower").daemon().start(() -> follow(start));
    }

    /** The id of the newest update on the stream (0-0 when empty); null when Redis cannot be reached. */
    private StreamEntryID newestUpdate() {
        try {
            List<StreamEntry> newest = redis.follower().xrevrange(UPDATES, "+", "-", 1);
            return newest.isEmpty() ? new StreamEntryID() : newest.getFirst().getID();
        } catch (JedisException e) {
            wentDown(e);
            return null;
        }
    }

    @Override
    public void accepted(List<Event> events) {
        events.forEach(statistics::apply);
        // Bounded entries (a Kafka poll brings thousands of events): the stream's cap in entries
        // is then a cap in bytes too.
        for (int from = 0; from < events.size(); from += EVENTS_PER_UPDATE) {
            enqueue(SharedUpdate.events(events.subList(from, Math.min(events.size(), from + EVENTS_PER_UPDATE))));
        }
    }

    @Override
    public void served(Impression impression) {
        statistics.apply(impression);
        enqueue(SharedUpdate.slate(impression));
    }

    private void enqueue(SharedUpdate update) {
        if (down != null) {
            dropped.incrementAndGet();
        } else {
            writer.offer(update);
        }
    }

    @Override
    public List<Impression> recentImpressions(String userId, int limit) {
        if (down == null) {
            try {
                List<String> slates = redis.requests().lrange(SLATES + userId, 0, Math.min(limit, limits.recentSlates()) - 1L);
                return slates.stream().map(s -> SharedUpdate.readSlate(userId, s)).toList();
            } catch (JedisException e) {
                wentDown(e);
            }
        }
        return store.recentImpressions(userId, limit);
    }

    @Override
    public Optional<String> degraded() {
        String reason = down;
        return reason == null ? Optional.empty() : Optional.of("Redis at " + redis.address() + " is unreachable (" + reason
                + "): this server counts only what it sees itself and reads recent slates from the store until it is back");
    }

    @Override
    public void registerMetrics(MeterRegistry registry) {
        FunctionCounter.builder("sieve.online.updates.applied", applied, AtomicLong::get)
                .description("Counter updates from other replicas applied here, read from Redis").register(registry);
        FunctionCounter.builder("sieve.online.updates.dropped", dropped, AtomicLong::get)
                .description("Updates not shared with other replicas because Redis was unreachable or slow").register(registry);
    }

    /** Sends one batch in one pipeline; Redis unreachable drops it, counted. */
    private void send(List<SharedUpdate> batch) {
        try (var pipeline = redis.requests().pipelined()) {
            for (SharedUpdate update : batch) {
                pipeline.xadd(UPDATES, capped, update.fields(replica));
                if (update.user() != null) {
                    String key = SLATES + update.user();
                    pipeline.lpush(key, update.payload());
                    pipeline.ltrim(key, 0, limits.recentSlates() - 1L);
                    pipeline.pexpire(key, limits.slatesTtlMs());
                }
            }
            pipeline.sync();
        } catch (JedisException e) {
            dropped.addAndGet(batch.size());
            wentDown(e);
        }
    }

    private void follow(StreamEntryID start) {
        StreamEntryID last = start;
        while (!closing) {
            try {
                if (last == null) {
                    last = newestUpdate();
                    if (last == null) {
                        pause();
                        continue;
                    }
                }
                var read = redis.follower().xread(XReadParams.xReadParams().block(RedisOnlineStateProvider.BLOCK_MS).count(BATCH),
                        Map.of(UPDATES, last));
                cameBack();
                if (read != null) {
                    for (var stream : read) {
                        for (StreamEntry entry : stream.getValue()) {
                            last = entry.getID();
                            apply(entry.getFields());
                        }
                    }
                }
            } catch (JedisException e) {
                wentDown(e);
                pause();
            } catch (RuntimeException e) {
                LOG.warn("skipped a shared update that could not be read", e);
            }
        }
    }

    private void apply(Map<String, String> fields) {
        if (replica.equals(fields.get(SharedUpdate.REPLICA))) {
            return;
        }
        SharedUpdate.apply(fields, statistics);
        applied.incrementAndGet();
    }

    private void wentDown(JedisException e) {
        if (down == null) {
            LOG.warn("Redis at {} is unreachable; serving from this server's own state and the store until it is back: {}",
                    redis.address(), e.getMessage());
        }
        down = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void cameBack() {
        if (down != null) {
            LOG.info("Redis at {} is reachable again; sharing online state", redis.address());
            // Idle connections from before are dead (a restarted Redis does not know them): drop them
            // now rather than fail the next calls on them.
            redis.requests().getPool().clear();
            down = null;
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    /** Sends what is queued, then stops. */
    @Override
    public void close() {
        closing = true;
        writer.close();
        try {
            follower.join(RedisOnlineStateProvider.BLOCK_MS * 3L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        redis.requests().close();
        redis.follower().close();
    }
}
