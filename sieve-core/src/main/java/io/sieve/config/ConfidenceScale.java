package io.sieve.config;

/**
 * How implicit ALS turns an interaction strength w into a confidence: {@code linear} 1 + alpha w,
 * {@code log} 1 + alpha log(1 + w / epsilon).
 */
public enum ConfidenceScale { linear, log }
