package io.sieve.cli;

import io.javalin.util.JavalinBindException;
import io.sieve.config.ConfigException;
import io.sieve.config.SieveConfig;
import io.sieve.server.SieveServer;
import io.sieve.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the HTTP API over the data directory; a newly trained model is picked up without a restart.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", description = "Port to listen on. Default: server.port of the config (8080).")
    Integer port;

    @Option(names = "--host", paramLabel = "H",
            description = "Address to bind. Default: server.host of the config (127.0.0.1); 0.0.0.0 listens on every interface, "
                    + "which needs API keys (security.keys) or security.allowUnauthenticatedRemote (docs/SECURITY.md).")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        SieveConfig config = common.config();
        Store store = Stores.open(config, common.dataDir());
        SieveServer server = startOrExplain(config, store, common.dataDir(),
                host != null ? host : config.server().host(),
                port != null ? port : config.server().port());
        PrintWriter out = spec.commandLine().getOut();
        out.println("Sieve is listening on " + server.url() + "/  (Ctrl-C stops it)");
        // Nothing else is printed before the process is stopped, so the line must not wait in a buffer.
        out.flush();
        serveUntilStopped(server, store);
        return 0;
    }

    /** Starts the server; an address already in use is the user's to fix, so it is reported without a trace. */
    static SieveServer startOrExplain(SieveConfig config, Store store, Path dataDir, String host, int port) {
        try {
            return SieveServer.start(config, store, dataDir, host, port);
        } catch (JavalinBindException e) {
            store.close();
            throw new UserError("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        } catch (ConfigException e) {
            store.close();
            throw e;
        }
    }

    /** Serves until the JVM is asked to stop (SIGTERM, Ctrl-C), then drains requests and closes the store. */
    static void serveUntilStopped(SieveServer server, Store store) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            store.close();
        }, "sieve-shutdown"));
        // Requests run on the server's own threads; this one only waits for the shutdown hook to end the JVM.
        Thread.currentThread().join();
    }
}
