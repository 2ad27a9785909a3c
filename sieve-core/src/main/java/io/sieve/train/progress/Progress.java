package io.sieve.train.progress;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far a long training phase has got, at what rate, and when it will end. On a terminal
 * ({@code ./sieve} sets {@code -Dsieve.progress=bar} when standard error is one) a bar redrawn in
 * place; anywhere else (logs, CI, tests) a log line every {@link #LOG_EVERY}, and none for a phase
 * that ends sooner, so small trainings print nothing extra.
 */
public final class Progress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** @param unit what one step is, in the plural ("iterations", "lists") */
    public static Progress start(String phase, long total, String unit) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(phase).setInitialMax(total)
                .setUnit(" " + unit, 1).showSpeed().setStyle(ProgressBarStyle.ASCII);
        if ("bar".equals(System.getProperty("sieve.progress"))) {
            builder.setUpdateIntervalMillis(500);
        } else {
            long started = System.nanoTime();
            // The bar is drawn once more on close, as it was last drawn if it has not moved since.
            AtomicReference<String> last = new AtomicReference<>("");
            builder.setUpdateIntervalMillis((int) LOG_EVERY.toMillis()).setMaxRenderedLength(120)
                    .setConsumer(new DelegatingProgressBarConsumer(line -> {
                        String text = line.strip();
                        if (System.nanoTime() - started >= LOG_EVERY.toNanos() / 2 && !last.getAndSet(text).equals(text)) {
                            LOG.info(text);
                        }
                    }));
        }
        return new Progress(builder.build());
    }

    public void step() {
        bar.step();
    }

    public void stepBy(long n) {
        bar.stepBy(n);
    }

    @Override
    public void close() {
        bar.close();
    }
}
