package io.sieve.config;

/**
 * How the slate's diversifier compares two items ({@code rerank.similarity}): {@code embedding},
 * their ALS item vectors; {@code category}, the categories they share.
 */
public enum Similarity { embedding, category }
