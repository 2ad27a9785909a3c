package io.sieve.config;

/**
 * How an experiment's p-values are adjusted for testing every metric of every variant at once:
 * {@code holm} bounds the chance of any false positive, {@code bh} (Benjamini–Hochberg) the
 * expected share of false positives among the significant; {@code none} reports raw p-values.
 */
public enum Correction { none, holm, bh }
