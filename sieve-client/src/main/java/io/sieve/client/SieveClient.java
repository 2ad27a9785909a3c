package io.sieve.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A client for a Sieve server's HTTP API. Thread-safe: build one per server and share it.
 *
 * <pre>{@code
 * SieveClient sieve = SieveClient.builder(URI.create("http://127.0.0.1:8080"))
 *         .apiKey(System.getenv("SIEVE_KEY"))
 *         .build();
 * Recommendations list = sieve.recommend(RecommendationQuery.forUser("42").n(10).include(Include.TITLE));
 * }</pre>
 *
 * <p>Every failure is a {@link SieveException}: a status outside 2xx with the server's problem
 * document, or {@link SieveException#NO_RESPONSE}. Requests are retried as {@link Builder#retries}
 * describes.
 */
public final class SieveClient implements AutoCloseable {
    private static final Set<Integer> NONE = Set.of();
    private static final Set<Integer> NOT_FOUND = Set.of(404);

    private final Transport transport;
    private final ObjectMapper json;
    private final Clock clock;
    /** The HttpClient this client made, closed with it; null when the caller gave one (theirs to close). */
    private final HttpClient owned;

    private SieveClient(Transport transport, ObjectMapper json, Clock clock, HttpClient owned) {
        this.transport = transport;
        this.json = json;
        this.clock = clock;
        this.owned = owned;
    }

    /** Releases the connections and the thread of the HttpClient the builder made; a client of your own is left open. */
    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }

    /** @param baseUrl the server, e.g. {@code http://127.0.0.1:8080}; a path is kept as a prefix (behind a proxy) */
    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    /**
     * The mapper for the API's JSON. Unknown properties are ignored, so a newer server's new fields
     * do not break this client; nulls are not sent, so the server applies its defaults (it refuses
     * unknown fields but takes absent ones); times are ISO-8601 text, as the server writes them.
     */
    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .build();
    }

    // ---- lists

    /** The user's list; an unknown user is not an error (they get what is popular). */
    public Recommendations recommend(RecommendationQuery q) {
        Query query = new Query(Operation.RECOMMEND)
                .add("n", q.n())
                .add("surface", q.surface())
                .add("device", q.device())
                .addEach("category", q.categories())
                .addEach("exclude", q.excludedItems())
                .add("debug", q.debug() ? "true" : null)
                .add("include", include(q.include()));
        // filter and variant values are not comma-split by the server, so they go as they are.
        q.filters().forEach(rule -> query.add("filter", rule));
        q.variants().forEach(variant -> query.add("variant", variant));
        return read(transport.send(Operation.RECOMMEND, List.of(q.userId()), query, null, NONE), Recommendations.class);
    }

    /** Items often chosen together with this one ("more like this"); a 404 SieveException for an unknown item. */
    public Recommendations similar(String itemId, int n, Set<Include> include) {
        Query query = new Query(Operation.SIMILAR).add("n", n).add("include", include(include));
        return read(transport.send(Operation.SIMILAR, List.of(itemId), query, null, NONE), Recommendations.class);
    }

    /** Items matching words in their title, description, tags and categories. */
    public Recommendations search(String q, int n, Set<Include> include) {
        return search(q, null, n, include);
    }

    /** As {@link #search(String, int, Set)}, blended with {@code user}'s taste (null: no user). */
    public Recommendations search(String q, String user, int n, Set<Include> include) {
        Query query = new Query(Operation.SEARCH).add("q", q).add("user", user).add("n", n).add("include", include(include));
        return read(transport.send(Operation.SEARCH, List.of(), query, null, NONE), Recommendations.class);
    }

    /** {@code include=title,categories}: one parameter, comma-separated (the document's explode: false). */
    private static String include(Set<Include> fields) {
        return fields == null || fields.isEmpty() ? null
                : fields.stream().sorted().map(Include::wireName).collect(Collectors.joining(","));
    }

    // ---- catalog

    /** Stores the item, replacing one with its id; returns it as stored (with the server's defaults). */
    public Item putItem(Item item) {
        return read(transport.send(Operation.PUT_ITEM, List.of(item.id()), null, item, NONE), Item.class);
    }

    public Optional<Item> item(String id) {
        return lookup(Operation.GET_ITEM, id, Item.class);
    }

    /** A 404 SieveException when there is no such item (also when a retried delete had already succeeded). */
    public void deleteItem(String id) {
        transport.send(Operation.DELETE_ITEM, List.of(id), null, null, NONE);
    }

    /** Stores all or, when one is invalid, none of them (a 400 naming {@code items[i].field}); returns how many. */
    public int putItems(List<Item> items) {
        return read(transport.send(Operation.PUT_ITEMS, List.of(), null, new Wire.ItemBatch(items), NONE), Wire.Stored.class)
                .stored();
    }

    /** Impressions and responses of the item; a 404 SieveException for an unknown item. */
    public ItemStatistics itemStatistics(String itemId) {
        return read(transport.send(Operation.ITEM_STATISTICS, List.of(itemId), null, null, NONE), ItemStatistics.class);
    }

    public User putUser(User user) {
        return read(transport.send(Operation.PUT_USER, List.of(user.id()), null, user, NONE), User.class);
    }

    public Optional<User> user(String id) {
        return lookup(Operation.GET_USER, id, User.class);
    }

    /** Deletes the profile and every event of the user; a 404 SieveException when there is none. */
    public void deleteUser(String id) {
        transport.send(Operation.DELETE_USER, List.of(id), null, null, NONE);
    }

    public int putUsers(List<User> users) {
        return read(transport.send(Operation.PUT_USERS, List.of(), null, new Wire.UserBatch(users), NONE), Wire.Stored.class)
                .stored();
    }

    private <T> Optional<T> lookup(Operation op, String id, Class<T> type) {
        Transport.Answer answer = transport.send(op, List.of(id), null, null, NOT_FOUND);
        return answer.status() == 404 ? Optional.empty() : Optional.of(read(answer, type));
    }

    // ---- events

    /** Returns once the server has stored the event durably (202). */
    public void sendEvent(Event event) {
        transport.send(Operation.SEND_EVENT, List.of(), null, stamped(event), NONE);
    }

    /** Stores all or, when one is invalid, none of them (a 400 naming {@code events[i].field}); returns how many. */
    public int sendEvents(List<Event> events) {
        List<Event> batch = events.stream().map(this::stamped).toList();
        return read(transport.send(Operation.SEND_EVENTS, List.of(), null, new Wire.EventBatch(batch), NONE),
                Wire.Accepted.class).accepted();
    }

    /**
     * The event with a time: the server keeps one copy of events equal to the millisecond, so a
     * retried event must carry the time of the first attempt, not a new one the server would give it.
     */
    private Event stamped(Event event) {
        return event.timestamp() != null ? event : event.withTimestamp(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * One page of the user's events, newest first; a 404 SieveException for a user with no profile and no events.
     *
     * @param limit  events per page, 1 to 1,000
     * @param before only events strictly before this time: the previous page's {@link EventPage#next()}; null for the newest
     */
    public EventPage userEvents(String user, int limit, Instant before) {
        Query query = new Query(Operation.USER_EVENTS).add("limit", limit).add("before", before);
        return read(transport.send(Operation.USER_EVENTS, List.of(user), query, null, NONE), EventPage.class);
    }

    // ---- operations

    /**
     * Readiness ({@code /readyz}, no key needed). A 503 is the answer "not ready", not a failure: it
     * comes back as {@link Readiness#serving()} false with the server's reason, at once and without
     * retries, since a probe must report the state it finds. Other failures throw.
     */
    public Readiness ready() {
        Transport.Answer answer = transport.send(Operation.READY, List.of(), null, null, Set.of(503));
        if (answer.status() == 503) {
            SieveException.Problem problem = readOrNull(answer, SieveException.Problem.class);
            return Readiness.notReady(problem == null || problem.detail() == null ? "not ready (HTTP 503)" : problem.detail());
        }
        return read(answer, Readiness.class);
    }

    /** The Prometheus text ({@code /metrics}, read scope). */
    public String metrics() {
        return new String(transport.send(Operation.METRICS, List.of(), null, null, NONE).body(), StandardCharsets.UTF_8);
    }

    /** Freshness and drift ({@code /v1/admin/health}, admin scope). */
    public DataHealth health() {
        return read(transport.send(Operation.DATA_HEALTH, List.of(), null, null, NONE), DataHealth.class);
    }

    /** Looks for a newer bundle now (admin scope); a 409 SieveException when the published one is refused. */
    public Reload reload() {
        return read(transport.send(Operation.RELOAD, List.of(), null, null, NONE), Reload.class);
    }

    private <T> T read(Transport.Answer answer, Class<T> type) {
        try {
            return json.readValue(answer.body(), type);
        } catch (IOException e) {
            // A 2xx the client cannot read is a server (or proxy) at odds with the API, not a caller's mistake.
            throw new UncheckedIOException("the answer is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private <T> T readOrNull(Transport.Answer answer, Class<T> type) {
        try {
            return json.readValue(answer.body(), type);
        } catch (IOException e) {
            return null;
        }
    }

    /** Settings of a client; only the base URL is required. */
    public static final class Builder {
        private final URI baseUrl;
        private String apiKey;
        private Duration timeout = Duration.ofSeconds(10);
        private int maxRetries = 2;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(10);
        private HttpClient httpClient;
        private Clock clock = Clock.systemUTC();

        private Builder(URI baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (!("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())) || baseUrl.getRawAuthority() == null) {
                throw new IllegalArgumentException("baseUrl must be an http or https URL with a host, was " + baseUrl);
            }
            if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
                throw new IllegalArgumentException("baseUrl must have no query or fragment, was " + baseUrl);
            }
            this.baseUrl = baseUrl;
        }

        /** Sent as {@code Authorization: Bearer <key>}; none by default (a server without keys). */
        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /** How long one attempt may take, and connecting with the default HttpClient; 10 s by default. */
        public Builder timeout(Duration perAttempt) {
            this.timeout = Objects.requireNonNull(perAttempt);
            return this;
        }

        /**
         * Retries after 503 and 429 (any call), 502 and 504 (idempotent calls), a refused connection
         * (any call: nothing was sent) and other I/O failures such as a timeout (idempotent calls:
         * every call but {@link #reload()}). The wait starts at {@code initialBackoff}, doubles each
         * time up to {@link #maxBackoff} (10 s by default), with jitter; a {@code Retry-After}
         * replaces it, capped the same way. Default: 2 retries from 200 ms; 0 turns retries off.
         */
        public Builder retries(int retries, Duration initialBackoff) {
            this.maxRetries = retries;
            this.initialBackoff = Objects.requireNonNull(initialBackoff);
            return this;
        }

        /** The longest wait between attempts, whatever Retry-After asks; 10 s by default. */
        public Builder maxBackoff(Duration max) {
            this.maxBackoff = Objects.requireNonNull(max);
            return this;
        }

        /** A client of your own (a proxy, an executor, TLS settings); by default one speaking HTTP/1.1. */
        public Builder httpClient(HttpClient client) {
            this.httpClient = client;
            return this;
        }

        /** Where missing event times come from; the system clock by default. */
        Builder clock(Clock eventClock) {
            this.clock = eventClock;
            return this;
        }

        public SieveClient build() {
            // Sieve speaks HTTP/1.1 (TLS and HTTP/2 are a proxy's job); the default client would try an h2c upgrade first.
            HttpClient http = httpClient != null ? httpClient
                    : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
            ObjectMapper json = mapper();
            RetryPolicy retry = new RetryPolicy(maxRetries, initialBackoff, maxBackoff);
            return new SieveClient(new Transport(baseUrl, apiKey, timeout, retry, http, json), json, clock,
                    httpClient != null ? null : http);
        }
    }
}
