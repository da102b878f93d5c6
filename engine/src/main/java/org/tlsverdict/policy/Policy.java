package org.tlsverdict.policy;

import java.nio.file.Path;
import java.util.List;

/** A loaded policy: its manifest, its folder as given, and the rule files after extends/includes. */
public record Policy(PolicyManifest manifest, Path dir, String label, List<RuleFile> ruleFiles) {

    public String id() {
        return manifest.id();
    }
}
