package org.tlsverdict.cli;

import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.tlsverdict.cli.daemon.DaemonClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "tlsverdict", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Judge TLS facts of mail servers against policies written as Drools rule files.")
public final class Main implements Runnable {

    /**
     * The subcommands, in the order help lists them. In a holder class: Main's own initialisation
     * then loads no picocli class, and a run the daemon serves loads none at all.
     */
    private static final class Subcommands {
        static final List<Class<?>> ALL = List.of(EvaluateCommand.class, ImportCommand.class, ReplayCommand.class, DiffCommand.class,
                ScanCommand.class, CheckCommand.class, TestCommand.class, RulesCommand.class, ScanDomainCommand.class, PoliciesCommand.class,
                DaemonCommand.class, CompletionCommand.class, ManPageCommand.class, CommandLine.HelpCommand.class);
    }

    /** Subcommands that read the model of the others: the man page, the completion scripts, help. */
    private static final Set<String> READ_ALL = Set.of("completion", "manpage", "help");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Read by the exception handler (any subcommand accepts it); a crash then prints its stack trace. */
    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "on an internal error (exit 3), print the stack trace")
    boolean debug;

    /** Subcommands that load a policy and judge: the engine is warmed up while their command line is parsed. */
    private static final Set<String> JUDGING = Set.of("evaluate", "replay", "diff", "test", "check");

    /** The client's terminal when the daemon serves the run; null: this JVM's. */
    final Terminal terminal;
    /** The daemon's compiled policies; null in-process (each run compiles, from the on-disk cache). */
    final WarmPolicies warm;
    /** With {@link #warm}: how much the run has written to stderr so far. */
    final LongSupplier errBytes;

    public Main() {
        this(null, null, null);
    }

    Main(Terminal terminal, WarmPolicies warm, LongSupplier errBytes) {
        this.terminal = terminal;
        this.warm = warm;
        this.errBytes = errBytes;
    }

    public static void main(String[] args) {
        org.tlsverdict.policy.Timing.mark("main entered");
        // First, before any command-line, JSON or rule class loads: a running daemon takes the run.
        int code = DaemonClient.forward(args);
        if (code == DaemonClient.IN_PROCESS) {
            org.tlsverdict.policy.Timing.mark("no daemon took the run");
            // At a terminal, none serving this run: one starts for the next runs.
            DaemonAutoStart.start(args);
            if (args.length > 0 && JUDGING.contains(args[0])) {
                org.tlsverdict.policy.EngineWarmUp.start();
            }
            code = run(args);
        }
        org.tlsverdict.policy.Timing.mark("command done");
        System.exit(code);
    }

    public static int run(String... args) {
        CommandLine cl = commandLine(args.length > 0 ? args[0] : null);
        org.tlsverdict.policy.Timing.mark("command model built");
        return cl.execute(args);
    }

    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command model. When {@code first} (the first argument) names a subcommand that does not
     * read the others, only that one is in it: picocli builds each subcommand's model by reflection
     * over all its options, work that a run of one command does not need. Anything else (an option
     * first, a typo that needs suggestions, help) gets them all.
     */
    static CommandLine commandLine(String first) {
        return commandLine(first, new Main());
    }

    /** As {@link #commandLine(String)}, with {@code root} as the top command (the daemon's runs carry the client's terminal in it). */
    static CommandLine commandLine(String first, Main root) {
        CommandLine cl = new CommandLine(root);
        Class<?> only = first == null || READ_ALL.contains(first) ? null
                : Subcommands.ALL.stream().filter(c -> c.getAnnotation(Command.class).name().equals(first)).findFirst().orElse(null);
        // Added before the settings below, which apply to the subcommands present when they are set.
        for (Class<?> c : Subcommands.ALL) {
            if (only == null || c == only) {
                cl.addSubcommand(c);
            }
        }
        Handlers handlers = new Handlers();
        cl.setExitCodeExceptionMapper(handlers);
        // Registered on the root before parsing, so every subcommand's --at takes a plain date too.
        cl.registerConverter(java.time.Instant.class, handlers);
        cl.setParameterExceptionHandler(handlers);
        cl.setExecutionExceptionHandler(handlers);
        return cl;
    }

    /**
     * How picocli's errors read, and {@code --at}'s type. A class, not lambdas: picocli's interfaces
     * are Java 5 class files, and JDK 17 keeps a lambda implementing one, the interface and every
     * class implementing it (picocli's own converters among them) out of the class-data archive.
     */
    private static final class Handlers implements CommandLine.IExitCodeExceptionMapper, CommandLine.ITypeConverter<java.time.Instant>,
            CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

        @Override
        public int getExitCode(Throwable exception) {
            return ExitCodes.INTERNAL;
        }

        @Override
        public java.time.Instant convert(String value) {
            return AtInstant.parse(value);
        }

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            ex.getCommandLine().getErr().println("tlsverdict: " + ex.getMessage());
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                // One wording for a mistyped subcommand and a mistyped option.
                ex.getCommandLine().getErr().println("Did you mean: " + String.join(" or ", u.getSuggestions()) + "?");
            }
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.ERROR;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine c, CommandLine.ParseResult parsed) {
            boolean debug = Boolean.getBoolean("tlsverdict.debug")
                    || parsed.asCommandLineList().stream().anyMatch(p -> p.getParseResult() != null && p.getParseResult().hasMatchedOption("--debug"));
            String what = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage().lines().findFirst().orElse("");
            c.getErr().println("tlsverdict: internal error: " + what + (debug ? "" : " (run again with --debug for the stack trace)"));
            if (debug) {
                ex.printStackTrace(c.getErr());
            }
            c.getErr().flush();
            return ExitCodes.INTERNAL;
        }
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
