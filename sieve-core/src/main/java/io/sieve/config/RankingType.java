package io.sieve.config;

/**
 * What orders the candidates ({@code ranking.type}): {@code blend}, the weighted sum of the
 * sources; {@code learned}, LambdaMART over the feature store on the blend's best candidates.
 */
public enum RankingType { blend, learned }
