package io.sieve.cli;

import io.sieve.nativelib.NativeLibraries;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sieve} command line; each subcommand is a class beside this one. */
@Command(name = "sieve",
        mixinStandardHelpOptions = true,
        version = "sieve 0.1.0",
        description = "A multi-stage recommendation engine: retrieve, filter, rank, re-rank.",
        subcommands = {
            DemoCommand.class,
            ImportCommand.class,
            ExportCommand.class,
            TrainCommand.class,
            ServeCommand.class,
            EvalCommand.class,
            TuneCommand.class,
            ValidateCommand.class,
            ExperimentCommand.class,
            RolloutCommand.class,
            SimulateCommand.class,
            CommandLine.HelpCommand.class
        })
public final class SieveCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Before any command can touch LightGBM: its bindings would otherwise write their libraries
        // to shared names in the temporary directory, under other processes' feet.
        NativeLibraries.lightGbm();
        CommandLine cli = commandLine();
        int exit = cli.execute(args);
        // Commands print through picocli's writer; System.exit would not flush a pending print().
        cli.getOut().flush();
        cli.getErr().flush();
        System.exit(exit);
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new SieveCommand())
                .setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true))
                .setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true))
                .setExecutionExceptionHandler(new FriendlyErrors());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
