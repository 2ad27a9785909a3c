package io.sieve.store.postgresql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sieve.store.InvalidStoreUrlException;
import io.sieve.store.Store;
import io.sieve.store.StoreException;
import io.sieve.store.StoreProvider;
import io.sieve.store.StoreUrl;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;

/**
 * {@code store.url: postgresql://host:port/database?user=…&password=…}: PostgreSQL as the system
 * of record. Opening migrates the schema to the version this jar carries (Flyway, versioned
 * scripts under {@code db/migration/postgresql}); a snapshot needs a database an open has migrated.
 * The location is the JDBC URL after {@code jdbc:postgresql:}, so every pgJDBC parameter works
 * (sslmode, …); messages name the host and database, never the parameters, which may hold a password.
 */
public final class PostgresStoreProvider implements StoreProvider {
    private static final long CONNECTION_TIMEOUT_MS = 5_000;
    private static final Pattern LOCATION = Pattern.compile("//[^/?#]+/[^/?#]+([?].*)?");
    /** Connections per process: the request path, the event writes and the impression writer at once. */
    private static final int POOL = 8;

    @Override
    public String scheme() {
        return "postgresql";
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public void check(StoreUrl url) {
        if (!LOCATION.matcher(url.location()).matches()) {
            throw new InvalidStoreUrlException("postgresql: expects //host[:port]/database[?user=…&password=…], found '"
                    + where(url) + "'");
        }
    }

    private static String jdbc(StoreUrl url) {
        return "jdbc:postgresql:" + url.location();
    }

    /** The host and database, for messages. */
    private static String where(StoreUrl url) {
        int query = url.location().indexOf('?');
        return "postgresql:" + (query < 0 ? url.location() : url.location().substring(0, query));
    }

    @Override
    public Store open(StoreUrl url, Path dataDir) {
        check(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbc(url));
        config.setMaximumPoolSize(POOL);
        config.setPoolName("sieve-store");
        // With the database down, a write is refused within this, not after Hikari's default 30 s.
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        HikariDataSource pool = null;
        try {
            pool = new HikariDataSource(config);
            Flyway.configure().dataSource(pool).locations("classpath:db/migration/postgresql").load().migrate();
            CatalogMirror mirror = new CatalogMirror(jdbc(url));
            HikariDataSource opened = pool;
            return PostgresStore.live(pool, mirror, () -> {
                mirror.close();
                opened.close();
            }, where(url));
        } catch (RuntimeException | SQLException e) {
            if (pool != null) {
                pool.close();
            }
            throw new StoreException("cannot open the PostgreSQL store at " + where(url) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Store openSnapshot(StoreUrl url, Path dataDir) {
        check(url);
        try {
            return PostgresStore.snapshot(new SnapshotConnections(jdbc(url), c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT to_regclass('events') IS NOT NULL")) {
                    r.next();
                    if (!r.getBoolean(1)) {
                        throw new StoreException("no Sieve store in " + where(url) + ": open it once (sieve import, serve) to create it",
                                null);
                    }
                }
            }), where(url));
        } catch (SQLException e) {
            throw new StoreException("cannot open a snapshot of the PostgreSQL store at " + where(url) + ": " + e.getMessage(), e);
        }
    }
}
