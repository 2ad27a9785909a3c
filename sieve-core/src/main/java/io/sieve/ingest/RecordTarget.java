package io.sieve.ingest;

import io.sieve.model.FieldError;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Where records of one kind go: how each is checked, and how a batch of good ones is written. */
record RecordTarget<T>(RecordKind kind, Function<T, List<FieldError>> validator, Consumer<List<T>> writer) {
}
