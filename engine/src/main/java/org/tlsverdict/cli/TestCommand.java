package org.tlsverdict.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.cases.CaseResult;
import org.tlsverdict.policy.cases.CaseRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run the cases beside each criterion of the policies. Exit 1 on any failed case.")
public final class TestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "policy folders")
    List<Path> policies;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long passed = 0;
        long failed = 0;
        boolean error = false;
        for (Path dir : policies) {
            CompiledPolicy policy = PolicyOption.compile(dir, err);
            if (policy == null) {
                error = true;
                continue;
            }
            CaseRunner.Run run = CaseRunner.run(policy, CipherRegistry.standard());
            long p = CaseRunner.count(run.results(), true);
            long f = CaseRunner.count(run.results(), false) + run.missingCases().size();
            for (CaseResult r : run.results()) {
                if (!r.passed()) {
                    out.println("FAIL " + r.describeFailure());
                }
            }
            run.missingCases().forEach(m -> out.println("FAIL " + m + ": missing (every criterion needs a cases file)"));
            out.println(policy.policy().id() + ": " + p + " passed, " + f + " failed");
            passed += p;
            failed += f;
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        if (error) {
            return ExitCodes.ERROR;
        }
        return failed > 0 ? ExitCodes.FAIL : ExitCodes.OK;
    }
}
