package io.sieve.config;

/**
 * What a training list built from history holds out of a user's events ({@code ranking.training.kinds}):
 * {@code random}, a random share, asked for at the data's clock; {@code latest}, their latest
 * events, asked for just before them.
 */
public enum HeldOutKind { random, latest }
