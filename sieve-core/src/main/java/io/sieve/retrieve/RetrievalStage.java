package io.sieve.retrieve;

import io.sieve.funnel.Candidate;
import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Retrieved;
import io.sieve.funnel.SourceHit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every source in parallel under one shared deadline and merges what came back. A source
 * that is late or throws is skipped and named in the result: retrieval degrades, it never fails.
 */
public final class RetrievalStage {
    private static final Logger LOG = LoggerFactory.getLogger(RetrievalStage.class);

    /** A configured source: its name (the key its hits go under), its retriever and its quota. */
    public record Source(String name, Retriever retriever, int quota) {
    }

    /** Merged candidates in first-seen order, how many each source gave, and which sources failed. */
    public record Result(List<Candidate> candidates, Map<String, Integer> perSource,
                         List<String> timedOut, List<String> failed) {
    }

    private final List<Source> sources;
    private final ExecutorService executor;
    private final Duration deadline;

    public RetrievalStage(List<Source> sources, ExecutorService executor, Duration deadline) {
        this.sources = List.copyOf(sources);
        this.executor = executor;
        this.deadline = deadline;
    }

    public List<Source> sources() {
        return sources;
    }

    public Result retrieve(RequestContext context) {
        List<Callable<List<Retrieved>>> tasks = new ArrayList<>(sources.size());
        for (Source s : sources) {
            tasks.add(() -> s.retriever().retrieve(context, s.quota()));
        }
        List<Future<List<Retrieved>>> futures;
        try {
            futures = executor.invokeAll(tasks, deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(List.of(), Map.of(), sources.stream().map(Source::name).toList(), List.of());
        }
        Map<String, Map<String, SourceHit>> merged = new LinkedHashMap<>();
        Map<String, Integer> perSource = new LinkedHashMap<>();
        List<String> timedOut = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            String name = sources.get(i).name();
            List<Retrieved> items;
            try {
                items = futures.get(i).get();
            } catch (CancellationException e) {
                timedOut.add(name);
                continue;
            } catch (ExecutionException e) {
                LOG.warn("source {} failed; continuing without it", name, e.getCause());
                failed.add(name);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            perSource.put(name, items.size());
            for (int rank = 0; rank < items.size(); rank++) {
                Retrieved r = items.get(rank);
                merged.computeIfAbsent(r.itemId(), id -> new LinkedHashMap<>())
                        .putIfAbsent(name, new SourceHit(rank + 1, r.score(), r.reason()));
            }
        }
        List<Candidate> candidates = new ArrayList<>(merged.size());
        merged.forEach((item, hits) -> candidates.add(Candidate.proposed(item, hits)));
        return new Result(candidates, perSource, timedOut, failed);
    }
}
