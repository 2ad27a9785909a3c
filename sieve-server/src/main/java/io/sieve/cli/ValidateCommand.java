package io.sieve.cli;

import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the configuration (defaults + file + SIEVE_* variables) and explain any mistake.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--print", description = "Print the effective configuration as YAML.")
    boolean print;

    @Override
    public Integer call() {
        SieveConfig config = common.config();
        spec.commandLine().getOut().println("configuration is valid");
        if (print) {
            spec.commandLine().getOut().print(ConfigLoader.toYaml(config));
        }
        return 0;
    }
}
