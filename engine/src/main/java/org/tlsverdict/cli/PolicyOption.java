package org.tlsverdict.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.tlsverdict.policy.BundledPolicies;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Policy;
import org.tlsverdict.policy.Timing;
import org.tlsverdict.policy.PolicyException;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Loads and compiles a policy folder or a shipped policy named by id, turning problems into one line
 * per problem on stderr.
 */
final class PolicyOption {

    private PolicyOption() {
    }

    /** Whether {@code --from} names an input format (null means "detect"); says which ones exist if not. */
    static boolean knownFormat(String from, PrintWriter err) {
        if (from == null || org.tlsverdict.collect.InputReader.formats().contains(from)) {
            return true;
        }
        err.println("tlsverdict: unknown --from '" + from + "' (known: " + String.join(", ", org.tlsverdict.collect.InputReader.formats()) + ")");
        return false;
    }

    static CompiledPolicy compile(Path dir, PrintWriter err) {
        return compile(dir, err, false);
    }

    /** {@code trustRules}: skip the rule check ({@code --trust-rules}). */
    static CompiledPolicy compile(Path dir, PrintWriter err, boolean trustRules) {
        return compile(null, dir, err, trustRules);
    }

    /** As {@link #compile(Path, PrintWriter, boolean)}; in a run the daemon serves ({@code spec}'s root says), reusing a policy compiled before from the same files. */
    static CompiledPolicy compile(CommandSpec spec, Path dir, PrintWriter err, boolean trustRules) {
        try {
            Policy policy = PolicyLoader.load(BundledPolicies.locate(dir.toString()));
            Timing.mark("policy files read");
            if (spec != null && spec.root().userObject() instanceof Main m && m.warm != null) {
                return m.warm.compile(policy, trustRules, m.errBytes, () -> RuleCompiler.withDefaultCache(trustRules).compile(policy));
            }
            return RuleCompiler.withDefaultCache(trustRules).compile(policy);
        } catch (PolicyException e) {
            err.println(e.getMessage());
            err.flush();
            return null;
        }
    }
}
