package io.sieve.cli;

import io.sieve.config.ConfigException;
import picocli.CommandLine;

/** Prints the message of an expected failure (bad config, bad file) instead of a stack trace. */
final class FriendlyErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof ConfigException || e instanceof UserError) {
            cmd.getErr().println("sieve " + cmd.getCommandName() + ": " + e.getMessage());
            return 2;
        }
        throw new RuntimeException(e);
    }
}
