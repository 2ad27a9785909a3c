package io.sieve.ingest;

import io.sieve.model.FieldError;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where records of one kind go: how each is checked, and how a batch of good ones is written.
 *
 * @param id the record's identity, for records a later row would replace (items, users); null for
 *           those without one of their own (events are identified by all their fields)
 */
record RecordTarget<T>(RecordKind kind, Function<T, List<FieldError>> validator, Consumer<List<T>> writer,
                       Function<T, String> id) {
}
