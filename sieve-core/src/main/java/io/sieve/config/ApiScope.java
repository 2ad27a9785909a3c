package io.sieve.config;

/** What an API key may do ({@code security.keys.*.scopes}; docs/SECURITY.md): read, write, admin. */
public enum ApiScope { read, write, admin }
