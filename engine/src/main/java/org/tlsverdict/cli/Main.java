package org.tlsverdict.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "tlsverdict", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Judge TLS facts of mail servers against policies written as Drools rule files.",
        subcommands = {EvaluateCommand.class, ImportCommand.class, ReplayCommand.class, DiffCommand.class, ScanCommand.class, TestCommand.class, RulesCommand.class, ScanDomainCommand.class, PoliciesCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(e -> ExitCodes.ERROR);
        // Registered on the root before parsing, so every subcommand's --at takes a plain date too.
        cl.registerConverter(java.time.Instant.class, AtInstant::parse);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("tlsverdict: " + ex.getMessage());
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                // One wording for a mistyped subcommand and a mistyped option.
                ex.getCommandLine().getErr().println("Did you mean: " + String.join(" or ", u.getSuggestions()) + "?");
            }
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.ERROR;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("tlsverdict: " + ex);
            if (Boolean.getBoolean("tlsverdict.debug")) {
                ex.printStackTrace(c.getErr());
            }
            return ExitCodes.ERROR;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return VersionInfo.lines();
        }
    }
}
