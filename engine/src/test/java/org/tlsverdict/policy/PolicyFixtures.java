package org.tlsverdict.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes throwaway policy folders for loader and compiler tests. */
final class PolicyFixtures {

    static final String HEADER = """
            import org.tlsverdict.facts.*;
            import org.tlsverdict.facts.derived.*;
            import org.tlsverdict.policy.Outcome;
            """;

    private PolicyFixtures() {
    }

    static Path policy(Path root, String id, String extra) throws IOException {
        Path dir = Files.createDirectories(root.resolve(id));
        Files.writeString(dir.resolve("policy.yaml"), "id: " + id + "\ntitle: t\nversion: \"1\"\nstatus: draft\n" + extra);
        return dir;
    }

    static void criterion(Path dir, String stem, String id, String body) throws IOException {
        Files.writeString(dir.resolve(stem + ".drl"), "package t." + stem.replace('-', '_') + ";\n" + HEADER
                + "rule \"" + stem + "\"\n  @id(\"" + id + "\") @title(\"T " + id + "\") @level(\"MUST\") @source(\"https://example.org\")\n"
                + "when\nthen\nend\n" + body);
    }
}
