package io.sieve.config;

/**
 * How a ranker objective labels an item ({@code ranking.objectives.*.grade}): {@code binary}, the
 * user did it or not; {@code value}, the event's value (stars, say) as graded relevance.
 */
public enum Grade { binary, value }
