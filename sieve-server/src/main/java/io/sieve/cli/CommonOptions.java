package io.sieve.cli;

import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.online.OnlineStates;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares: where the data lives and which config file to read. */
public final class CommonOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (store and model bundles). Default: $SIEVE_DATA_DIR or ./data")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config overriding the built-in defaults. Default: $SIEVE_CONFIG if set")
    Path configFile;

    public Path dataDir() {
        if (dataDir != null) {
            return dataDir;
        }
        String env = System.getenv("SIEVE_DATA_DIR");
        return Path.of(env != null && !env.isBlank() ? env : "data");
    }

    public SieveConfig config() {
        Path file = configFile;
        if (file == null) {
            String env = System.getenv("SIEVE_CONFIG");
            file = env != null && !env.isBlank() ? Path.of(env) : null;
        }
        SieveConfig config = ConfigLoader.load(file, System.getenv());
        // Checked here, where the store providers are known, so that every command (sieve validate too) reports it.
        Stores.url(config);
        OnlineStates.check(config);
        return config;
    }
}
