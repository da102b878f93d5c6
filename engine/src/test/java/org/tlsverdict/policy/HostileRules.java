package org.tlsverdict.policy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hostile rule corpus (src/test/resources/org/tlsverdict/policy/hostile): each file tries to act
 * (start a process, write a file, connect, reflect, load a class, run a static initialiser, ...)
 * and says on its first line ({@code // expect: ...}) what the refusal must name. {@code MARKER}
 * in a file is replaced by the path of a file the hostile code would create. Generated entries
 * cover sizes no one would commit: very long and deeply nested expressions.
 */
public final class HostileRules {

    public record Hostile(String name, String text, String expect) {
        @Override
        public String toString() {
            return name;
        }

        /** The rule file with MARKER replaced by {@code marker}. */
        public String withMarker(Path marker) {
            return text.replace("MARKER", marker.toAbsolutePath().toString().replace("\\", "/"));
        }
    }

    private static final Pattern EXPECT = Pattern.compile("^// expect: (.+)$", Pattern.MULTILINE);

    private HostileRules() {
    }

    public static List<Hostile> all() throws IOException, URISyntaxException {
        Path dir = Path.of(HostileRules.class.getResource("hostile").toURI());
        List<Hostile> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".drl")).sorted().toList()) {
                String text = Files.readString(p);
                Matcher m = EXPECT.matcher(text);
                if (!m.find()) {
                    throw new IllegalStateException(p + ": no '// expect:' line");
                }
                out.add(new Hostile(p.getFileName().toString().replace(".drl", ""), text, m.group(1).strip()));
            }
        }
        out.add(generated("long-expression", "a consequence of more than",
                "insertLogical( Outcome.pass( drools, \"\"" + " + \"a\"".repeat(5000) + ", $p ) );"));
        out.add(generated("long-constraint", "a constraint of more than", null));
        out.add(generated("deep-nesting", "nesting deeper than",
                "insertLogical( Outcome.pass( drools, " + "(".repeat(20000) + "\"x\"" + ")".repeat(20000) + ", $p ) );"));
        out.add(new Hostile("huge-file", header("huge_file") + "// " + "x".repeat(RuleChecker.MAX_FILE_CHARS) + "\n", "a file of more than"));
        return out;
    }

    private static Hostile generated(String name, String expect, String consequence) {
        String pkg = name.replace('-', '_');
        String when = consequence != null ? "    $p : ProtocolFact()\n"
                : "    $p : ProtocolFact( " + "version != null || ".repeat(400) + "version == null )\n";
        String then = consequence != null ? consequence : "insertLogical( Outcome.pass( drools, \"x\", $p ) );";
        return new Hostile(name, header(pkg) + "rule \"" + name + ": run\"\nwhen\n" + when + "then\n    " + then + "\nend\n", expect);
    }

    private static String header(String pkg) {
        return "package hostile." + pkg + ";\n\nimport org.tlsverdict.facts.*;\nimport org.tlsverdict.facts.derived.*;\n"
                + "import org.tlsverdict.policy.Outcome;\n\nrule \"" + pkg.replace('_', '-') + "\"\n"
                + "    @id(\"HOSTILE\") @title(\"hostile\") @level(\"MUST\") @source(\"https://example.org\")\nwhen\nthen\nend\n\n";
    }
}
