package org.tlsverdict.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Spec;

/**
 * Prints tlsverdict(1) in roff, written from the same command model the help texts come from, so
 * the page cannot drift from what the commands accept. The release archive ships it as
 * {@code man/tlsverdict.1}.
 */
@Command(name = "manpage", mixinStandardHelpOptions = true,
        description = {"Print the tlsverdict(1) manual page (roff): man -l <(tlsverdict manpage)"})
public final class ManPageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(render(spec.root()));
        out.flush();
        return ExitCodes.OK;
    }

    static String render(CommandSpec root) {
        StringBuilder sb = new StringBuilder();
        String version = root.version().length > 0 ? root.version()[0] : "";
        sb.append(".TH TLSVERDICT 1 \"\" \"").append(roff(version)).append("\" \"tlsverdict manual\"\n");
        sb.append(".SH NAME\ntlsverdict \\- judge the TLS of mail servers against policies written as rule files\n");
        sb.append(".SH SYNOPSIS\n.B tlsverdict\n.I command\n[\\fIoptions\\fR] [\\fIarguments\\fR]\n");
        sb.append(".SH DESCRIPTION\n");
        for (String line : root.usageMessage().description()) {
            sb.append(roff(line)).append('\n');
        }
        sb.append(".SH COMMANDS\n");
        for (Map.Entry<String, CommandLine> e : root.subcommands().entrySet()) {
            CommandSpec c = e.getValue().getCommandSpec();
            if (!c.name().equals(e.getKey()) || c.usageMessage().hidden()) {
                continue;
            }
            sb.append(".SS ").append(roff(c.name())).append('\n');
            sb.append(".B tlsverdict ").append(roff(c.name())).append('\n');
            for (PositionalParamSpec p : c.positionalParameters()) {
                sb.append(".I ").append(roff(p.paramLabel())).append(p.arity().max() > 1 ? "..." : "").append('\n');
            }
            sb.append(".PP\n");
            for (String line : c.usageMessage().description()) {
                sb.append(roff(line)).append('\n');
            }
            for (OptionSpec o : c.options()) {
                if (o.hidden()) {
                    continue;
                }
                sb.append(".TP\n.B ").append(roff(String.join(", ", o.names())));
                if (o.arity().max() > 0) {
                    sb.append(" \\fI").append(roff(o.paramLabel())).append("\\fR");
                }
                sb.append('\n').append(roff(String.join(" ", description(o)))).append('\n');
            }
        }
        sb.append(".SH EXIT STATUS\n.TP\n.B 0\nno verdict fails the run\n.TP\n.B 1\na verdict fails the run (or a policy test failed, a golden changed)\n")
                .append(".TP\n.B 2\nusage error, unreadable input, broken policy\n.TP\n.B 3\ninternal error\n");
        sb.append(".SH SEE ALSO\nREADME.md and docs/ of the tlsverdict source tree\n");
        return sb.toString();
    }

    /** An option's description with picocli's variables filled in, as --help shows it. */
    private static List<String> description(OptionSpec o) {
        String[] lines = o.description();
        String candidates = o.completionCandidates() == null ? "" : String.join(", ", o.completionCandidates());
        return java.util.Arrays.stream(lines)
                .map(l -> l.replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue())).replace("${COMPLETION-CANDIDATES}", candidates))
                .toList();
    }

    /** Text safe in roff: backslashes doubled, a leading dot or quote escaped. */
    static String roff(String s) {
        String t = s.replace("\\", "\\\\").replace("-", "\\-");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }
}
