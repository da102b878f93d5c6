package org.tlsverdict.build;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;

/**
 * The JVM of {@link RewrittenJarIT}: compiles a policy, says so, waits for the signal file, then
 * compiles it again and prints the outcome on one line (what was thrown and its causes, if anything).
 * Usage: CompileAfterSignal POLICY_DIR SIGNAL_FILE
 */
public final class CompileAfterSignal {

    public static void main(String[] args) throws Exception {
        RuleCompiler compiler = RuleCompiler.withoutCache();
        System.out.println("first: " + compiler.compile(PolicyLoader.load(Path.of(args[0]))).criteria().size() + " criteria");
        System.out.flush();
        Path signal = Path.of(args[1]);
        for (long waited = 0; !Files.exists(signal) && waited < 60_000; waited += 50) {
            Thread.sleep(50);
        }
        try {
            System.out.println("second: " + compiler.compile(PolicyLoader.load(Path.of(args[0]))).criteria().size() + " criteria");
        } catch (Throwable t) {
            StringBuilder line = new StringBuilder("second: " + t);
            for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
                line.append(" (caused by ").append(c).append(')');
            }
            System.out.println(line);
        }
    }
}
