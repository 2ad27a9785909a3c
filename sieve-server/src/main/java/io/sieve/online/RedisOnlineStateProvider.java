package io.sieve.online;

import io.sieve.config.SieveConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.store.RecentImpressions;
import java.net.URI;
import java.time.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/** {@code online.url: redis://[:password@]host[:port][/db]}: state shared through one Redis. */
public final class RedisOnlineStateProvider implements OnlineStateProvider {
    private static final int DEFAULT_PORT = 6379;
    /** The follower blocks this long on the update stream between its checks for closing. */
    static final int BLOCK_MS = 1_000;
    /** Request threads share the pool; more than this waiting at once means Redis is too slow anyway. */
    private static final int POOL_SIZE = 32;

    @Override
    public String scheme() {
        return "redis";
    }

    @Override
    public void check(URI url) {
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new IllegalArgumentException("'" + url + "' names no host, as in redis://host:6379");
        }
        database(url);
    }

    @Override
    public OnlineState open(URI url, SieveConfig config, ItemStatistics statistics, RecentImpressions store) {
        var online = config.online();
        HostAndPort address = new HostAndPort(url.getHost(), url.getPort() < 0 ? DEFAULT_PORT : url.getPort());
        var requests = client(url, address, online.timeoutMs(), online.timeoutMs());
        // The follower's reads block on purpose: its socket may wait for the block and then some.
        var follower = client(url, address, online.timeoutMs(), BLOCK_MS + online.timeoutMs() * 4);
        long slatesTtlMs = (long) (config.rerank().fatigue().days() * 86_400_000L);
        return new RedisOnlineState(new RedisOnlineState.Connections(requests, follower, url.getHost() + ":" + address.getPort()),
                new RedisOnlineState.Limits(online.recentSlates(), online.streamLength(), slatesTtlMs), statistics, store);
    }

    private static JedisPooled client(URI url, HostAndPort address, int connectMs, int socketMs) {
        var settings = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(connectMs)
                .socketTimeoutMillis(socketMs)
                .database(database(url))
                .clientName("sieve");
        String userInfo = url.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon > 0) {
                settings.user(userInfo.substring(0, colon));
            }
            settings.password(colon >= 0 ? userInfo.substring(colon + 1) : userInfo);
        }
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxWait(Duration.ofMillis(connectMs));
        return new JedisPooled(address, settings.build(), pool);
    }

    private static int database(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        if (path.isEmpty() || path.equals("/")) {
            return 0;
        }
        try {
            int db = Integer.parseInt(path.substring(1));
            if (db >= 0) {
                return db;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + url + "': the path must be a database number, as in redis://host:6379/0");
    }
}
