package io.sieve.config;

/**
 * How an experiment compares its variants: {@code abtest} splits users between them;
 * {@code interleaving} (team draft, two variants) shows every user in it one list merged from both
 * and credits each click to the variant that contributed the item, which tells two rankers apart
 * with far fewer users, but measures only which list's items are clicked, not engagement over time.
 */
public enum ExperimentKind { abtest, interleaving }
