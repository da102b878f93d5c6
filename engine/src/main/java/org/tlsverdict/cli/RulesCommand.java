package org.tlsverdict.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Criterion;
import org.tlsverdict.report.PolicyDoc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List the criteria of a policy, or write its Markdown documentation (--doc).")
public final class RulesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TrustRulesOption trust;

    @Parameters(paramLabel = "DIR", description = "policy folder, or a shipped policy's id (see tlsverdict policies)")
    Path policyDir;

    @Option(names = "--doc", description = "write Markdown documentation to OUT/<policy id>.md")
    boolean doc;

    @Option(names = "--out", paramLabel = "OUT", defaultValue = "docs/policies",
            description = "folder for --doc (default: ${DEFAULT-VALUE})")
    Path outDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CompiledPolicy policy = PolicyOption.compile(spec, policyDir, err, trust.trustRules);
        if (policy == null) {
            return ExitCodes.ERROR;
        }
        trust.announce(out);
        var m = policy.policy().manifest();
        if (doc) {
            Path file = outDir.resolve(m.id() + ".md");
            try {
                Files.createDirectories(outDir);
                Files.writeString(file, PolicyDoc.markdown(policy), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println(file + ": cannot write: " + e.getMessage());
                err.flush();
                return ExitCodes.ERROR;
            }
            out.println("wrote " + file);
            out.flush();
            return ExitCodes.OK;
        }
        out.println(m.id() + " " + m.version() + " (" + m.status() + "): " + m.title());
        for (Criterion c : policy.criteria()) {
            out.printf("  %-20s %-10s %s  [%s]%n", c.id(), c.level(), c.title(), c.file());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
