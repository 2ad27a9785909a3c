package io.sieve.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the sieve command line in this JVM and keeps what it printed, for tests of the commands. */
final class CliRun {
    /** The shared MovieLens copies (ml-100k, ml-1m, ml-latest-small). */
    static final Path SHARED_DATA = Path.of(System.getProperty("sieve.shared.data", "../../shared/data"));

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** @return the exit status */
    int sieve(String... args) {
        CommandLine cli = SieveCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }
}
