package org.tlsverdict.policy;

import java.nio.file.Path;

/** One .drl file of a policy; {@code label} is the path shown to people (relative where possible). */
public record RuleFile(Path path, String label, String text) {

    public String stem() {
        String name = path.getFileName().toString();
        return name.endsWith(".drl") ? name.substring(0, name.length() - 4) : name;
    }
}
