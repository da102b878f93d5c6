package org.tlsverdict.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.PolicyException;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;

/** Loads and compiles a policy folder, turning problems into one line per problem on stderr. */
final class PolicyOption {

    private PolicyOption() {
    }

    static CompiledPolicy compile(Path dir, PrintWriter err) {
        try {
            return RuleCompiler.withDefaultCache().compile(PolicyLoader.load(dir));
        } catch (PolicyException e) {
            err.println(e.getMessage());
            err.flush();
            return null;
        }
    }
}
