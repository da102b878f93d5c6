package org.tlsverdict.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tlsverdict.policy.BundledPolicies;
import org.tlsverdict.policy.Policy;
import org.tlsverdict.policy.PolicyException;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "policies", mixinStandardHelpOptions = true,
        description = {"List the shipped policies (usable by id: --policy privacyguides-proposed, extends: privacyguides-2023)"
                + " and the policy folders under each DIR: id, title, status, criteria count and source.",
                "Exit 0; 2 when a DIR does not exist or a policy is broken."})
public final class PoliciesCommand implements Callable<Integer> {

    /** A criterion is the set of rules sharing an @id; shared folders (rules/common) carry none. */
    private static final Pattern CRITERION_ID = Pattern.compile("@id\\(\\s*\"([^\"]+)\"\\s*\\)");

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "DIR", description = "also list this policy folder, or the policy folders inside it")
    List<Path> dirs;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean error = false;
        List<String[]> rows = new ArrayList<>();
        String shipped = BundledPolicies.fromJar() ? "shipped" : "shipped (" + BundledPolicies.root().map(Path::toString).orElse("?") + ")";
        for (Path p : BundledPolicies.all()) {
            error |= !row(p, shipped, rows, err);
        }
        for (Path d : dirs == null ? List.<Path>of() : dirs) {
            if (!Files.isDirectory(d)) {
                err.println(d + ": no such folder");
                error = true;
                continue;
            }
            for (Path p : policyFolders(d)) {
                error |= !row(p, p.toString(), rows, err);
            }
        }
        if (rows.isEmpty()) {
            out.println("no policies found");
        } else {
            int[] w = new int[4];
            for (String[] r : rows) {
                for (int i = 0; i < w.length; i++) {
                    w[i] = Math.max(w[i], r[i].length());
                }
            }
            String fmt = "%-" + w[0] + "s  %-" + w[1] + "s  %-" + w[2] + "s  %" + Math.max(8, w[3]) + "s  %s%n";
            out.printf(fmt, "id", "title", "status", "criteria", "source");
            rows.forEach(r -> out.printf(fmt, (Object[]) r));
        }
        out.flush();
        err.flush();
        return error ? ExitCodes.ERROR : ExitCodes.OK;
    }

    private static List<Path> policyFolders(Path d) throws IOException {
        if (Files.isRegularFile(d.resolve(PolicyLoader.MANIFEST))) {
            return List.of(d);
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(PolicyLoader.MANIFEST))).sorted().toList();
        }
    }

    private static boolean row(Path dir, String source, List<String[]> rows, PrintWriter err) {
        try {
            Policy p = PolicyLoader.load(dir);
            Set<String> ids = new LinkedHashSet<>();
            for (RuleFile f : p.ruleFiles()) {
                Matcher m = CRITERION_ID.matcher(f.text().replaceAll("(?m)//.*$", ""));
                while (m.find()) {
                    ids.add(m.group(1));
                }
            }
            var m = p.manifest();
            rows.add(new String[] {m.id(), m.title() == null ? "" : m.title(), m.status() == null ? "" : m.status(),
                    String.valueOf(ids.size()), source});
            return true;
        } catch (PolicyException e) {
            err.println(e.getMessage());
            return false;
        }
    }
}
