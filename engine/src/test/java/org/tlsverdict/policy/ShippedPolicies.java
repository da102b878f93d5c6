package org.tlsverdict.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The policy folders under rules/ (tests run from the repository root). */
public final class ShippedPolicies {

    private ShippedPolicies() {
    }

    public static List<Path> all() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("rules"))) {
            return s.filter(p -> Files.isRegularFile(p.resolve(PolicyLoader.MANIFEST))).sorted().toList();
        }
    }
}
