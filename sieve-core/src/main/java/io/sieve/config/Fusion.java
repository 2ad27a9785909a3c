package io.sieve.config;

/**
 * How the blend puts a source's contribution on a common scale: {@code score} divides its score by
 * its best in the request (both measured from the source's lowest score when it goes below zero);
 * {@code rrf} is reciprocal-rank fusion, weight / (k + rank).
 */
public enum Fusion { score, rrf }
