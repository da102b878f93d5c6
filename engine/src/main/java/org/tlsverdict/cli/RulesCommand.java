package org.tlsverdict.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Criterion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rules", mixinStandardHelpOptions = true, description = "List the criteria of a policy.")
public final class RulesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "policy folder")
    Path policyDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CompiledPolicy policy = PolicyOption.compile(policyDir, spec.commandLine().getErr());
        if (policy == null) {
            return ExitCodes.ERROR;
        }
        var m = policy.policy().manifest();
        out.println(m.id() + " " + m.version() + " (" + m.status() + "): " + m.title());
        for (Criterion c : policy.criteria()) {
            out.printf("  %-20s %-10s %s  [%s]%n", c.id(), c.level(), c.title(), c.file());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
