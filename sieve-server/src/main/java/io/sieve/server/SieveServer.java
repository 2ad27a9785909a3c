package io.sieve.server;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.sieve.monitor.DataHealth;
import io.sieve.monitor.EventFreshness;
import io.sieve.rank.FeatureDrift;
import io.sieve.online.ServingListener;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.sieve.bundle.BundleStore;
import io.sieve.config.SieveConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.feature.StatisticsSnapshot;
import io.sieve.online.OnlineState;
import io.sieve.online.OnlineStates;
import io.sieve.stream.KafkaLinks;
import io.sieve.pipeline.ContentSearch;
import io.sieve.experiment.ExperimentAnalysis;
import io.sieve.experiment.ExperimentServing;
import io.sieve.pipeline.Pipeline;
import io.sieve.retrieve.RetrievalStage;
import io.sieve.pipeline.PipelineFactory;
import io.sieve.pipeline.SimilarItems;
import io.sieve.store.Json;
import io.sieve.store.Store;
import io.sieve.train.Trainer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the JSON API over a store and the current model bundle, which it swaps when a
 * new one is published. Used by {@code sieve serve}, the demo and the tests. The caller owns the
 * store and closes it after the server.
 */
public final class SieveServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SieveServer.class);

    /** How long a stop waits for requests in flight; event batches may need a few seconds to sync. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** A registered route, as Javalin declares it (path parameters in braces, as in OpenAPI). */
    public record Route(String method, String path) {
    }

    private final Javalin app;
    private final BundleWatcher watcher;
    private final ExecutorService retrievalExecutor;
    private final ServedImpressionWriter impressions;
    private final KafkaLinks kafka;
    private final OnlineState online;
    private final List<Route> routes;
    private final String host;

    private SieveServer(Javalin app, BundleWatcher watcher, ExecutorService retrievalExecutor, ServedImpressionWriter impressions,
                        KafkaLinks kafka, OnlineState online, List<Route> routes, String host) {
        this.app = app;
        this.watcher = watcher;
        this.retrievalExecutor = retrievalExecutor;
        this.impressions = impressions;
        this.kafka = kafka;
        this.online = online;
        this.routes = routes;
        this.host = host;
    }

    /**
     * The current bundle's statistics snapshot and what the store holds after it, or, without a
     * usable snapshot, a replay of the whole store.
     */
    private static ItemStatistics startingStatistics(SieveConfig config, Store store, BundleStore bundles) {
        long start = System.nanoTime();
        Optional<ItemStatistics> restored = bundles.currentVersion()
                .flatMap(version -> bundles.attachment(version, StatisticsSnapshot.FILE))
                .flatMap(snapshot -> StatisticsSnapshot.restore(config, store, snapshot));
        ItemStatistics statistics = restored.orElseGet(() -> ItemStatistics.replayed(config, store));
        LOG.info("feature statistics of {} items {} in {} ms", statistics.size(),
                restored.isPresent() ? "from the bundle's snapshot and the store after it" : "replayed from the whole store",
                (System.nanoTime() - start) / 1_000_000);
        return statistics;
    }

    /** Starts on the configured host; port 0 picks a free port. */
    public static SieveServer start(SieveConfig config, Store store, Path dataDir, int port) {
        return start(config, store, dataDir, config.server().host(), port);
    }

    /**
     * @throws io.sieve.config.ConfigException when an API key's secret is missing, or {@code host} is
     *                                         reachable from other machines and no key is configured
     */
    public static SieveServer start(SieveConfig config, Store store, Path dataDir, String host, int port) {
        ApiKeyAuth auth = ApiKeyAuth.forServer(config.security(), host, System.getenv());
        Clock clock = Clock.systemUTC();
        ExecutorService retrievalExecutor = Executors.newVirtualThreadPerTaskExecutor();
        // The feature store's online state starts from everything stored, then follows each event.
        BundleStore bundles = new BundleStore(dataDir);
        ItemStatistics statistics = startingStatistics(config, store, bundles);
        OnlineState online = OnlineStates.open(config, statistics, store);
        var monitoring = config.monitoring();
        FeatureDrift drift = new FeatureDrift(monitoring.drift().windowRequests(), monitoring.drift().minRequests(),
                monitoring.drift().psiThreshold(), monitoring.drift().sampleEvery(), monitoring.drift().ignore());
        Pipeline pipeline = PipelineFactory.create(config, store, statistics, online, retrievalExecutor, drift);
        ExperimentServing experiments = new ExperimentServing(config, pipeline,
                variant -> PipelineFactory.create(variant, store, statistics, online, retrievalExecutor, drift), bundles::load);
        ServerMetrics metrics = new ServerMetrics(clock,
                pipeline.retrieval().sources().stream().map(RetrievalStage.Source::name).toList());
        ModelHolder model = BundleWatcher.starting(bundles, () -> new Trainer(config, clock).trainPopularityOnly(store),
                () -> store.newestItems(1).isEmpty(), metrics.refusedBundles());
        model.alsoDegradedBy(() -> online.degraded().map(reason -> new ModelHolder.Degradation("online-state", reason)));
        metrics.watch(model);
        online.registerMetrics(metrics.registry());
        ExperimentAnalysis analysis = new ExperimentAnalysis(config, store);
        CanaryRollout rollout = new CanaryRollout(config.rollout().canary(), bundles, model, analysis, clock, metrics.registry());
        BundleWatcher watcher = new BundleWatcher(bundles, model, metrics.refusedBundles(), rollout);
        EventFreshness freshness = new EventFreshness(clock, metrics.registry());
        DataHealth health = new DataHealth(monitoring, clock, freshness, statistics, model::current, drift, metrics.registry());
        metrics.beforeScrape(health::registerFeatures);
        KafkaLinks kafka = KafkaLinks.open(config, store, ServingListener.all(List.of(online, freshness)), metrics.registry());
        ServedImpressionWriter impressions = new ServedImpressionWriter(store, kafka.listener(), metrics.droppedImpressions());
        RequestBodies bodies = new RequestBodies(config.limits());
        RecordLimits limits = new RecordLimits(config.limits());
        List<Route> routes = new CopyOnWriteArrayList<>();

        ProblemErrorHandler errors = new ProblemErrorHandler();
        Javalin app = Javalin.create(cfg -> {
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            cfg.useVirtualThreads = true;
            cfg.showJavalinBanner = false;
            // The console (sieve-console): static files that read the public and admin APIs like any client.
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/console";
                files.directory = "/console";
                files.location = Location.CLASSPATH;
            });
            cfg.http.prefer405over404 = true;
            // Jetty drains in-flight requests on stop only when a StatisticsHandler counts them.
            cfg.jetty.modifyServer(server -> {
                server.setHandler(new StatisticsHandler());
                server.setErrorHandler(errors);
            });
            cfg.jetty.modifyServletContextHandler(context -> context.setErrorHandler(errors));
            cfg.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new ClientErrorConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(port);
                return connector;
            });
            // A client that stops sending, or goes away, is not a failure of the server.
            cfg.jetty.timeoutStatus = HttpStatus.REQUEST_TIMEOUT.getCode();
            cfg.jetty.clientAbortStatus = HttpStatus.CLIENT_CLOSED_REQUEST.getCode();
            cfg.events.handlerAdded(h -> {
                if (h.getHttpMethod().isHttpMethod()) {
                    routes.add(new Route(h.getHttpMethod().name(), h.getPath()));
                }
            });
        });
        ProblemHandler.install(app);
        metrics.install(app);
        app.before(RequestTargets::check);
        app.beforeMatched(auth::check);
        CatalogRoutes.items(store, bodies, limits, clock).register(app);
        CatalogRoutes.users(store, bodies, limits).register(app);
        new EventRoutes(store, config.types(), bodies, clock, kafka.listener()).register(app);
        new OnboardingRoutes(store, store, kafka.listener(), bodies, clock, limits).register(app);
        new UserEventsRoutes(store, store, online).register(app);
        new RecommendationRoutes(experiments, rollout::active, auth, clock, new SimilarItems(store, statistics.graph()),
                new ContentSearch(pipeline, store, config.search(), config.retrieval().historyLength()), model, metrics,
                config.server(), impressions, store).register(app);
        new OperationsRoutes(model, watcher, metrics).register(app);
        new MonitoringRoutes(health, bundles, model, rollout, store, statistics).register(app);
        new ExperimentRoutes(analysis, rollout, watcher).register(app);
        new DocsRoutes(routes, model).register(app);

        try {
            app.start();
        } catch (RuntimeException e) {
            retrievalExecutor.shutdownNow();
            impressions.close();
            kafka.close();
            online.close();
            throw e;
        }
        // Set only once started: a graceful stop of a server that failed to bind throws, and
        // would hide the bind error.
        app.jettyServer().server().setStopTimeout(STOP_TIMEOUT.toMillis());
        watcher.start(Duration.ofSeconds(config.server().bundlePollSeconds()));
        kafka.startConsuming();
        SieveServer server = new SieveServer(app, watcher, retrievalExecutor, impressions, kafka, online, List.copyOf(routes), host);
        LOG.info("Sieve is serving model {} at {}", model.current().version(), server.url());
        return server;
    }

    public int port() {
        return app.port();
    }

    public String url() {
        return "http://" + host + ":" + port();
    }

    public List<Route> routes() {
        return routes;
    }

    /**
     * Stops accepting requests, lets those in flight finish, then stops the watcher and the
     * retrieval threads, writes the impressions still queued, stops consuming from and publishes
     * the rest to Kafka, and lets go of the shared online state.
     */
    @Override
    public void close() {
        app.stop();
        watcher.close();
        retrievalExecutor.shutdownNow();
        impressions.close();
        kafka.close();
        online.close();
    }
}
