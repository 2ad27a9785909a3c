package io.sieve.ingest;

/** Makes a record out of one raw row (a line of text, or the cells of a CSV row). */
@FunctionalInterface
interface RowParser<R, T> {
    T parse(R raw) throws BadRow;
}
