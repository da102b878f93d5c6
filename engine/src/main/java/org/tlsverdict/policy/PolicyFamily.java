package org.tlsverdict.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A policy and the policies it extends, nearest first: two versions of one policy share a base. */
public final class PolicyFamily {

    private PolicyFamily() {
    }

    /** Ids of the policy and of each policy it extends, in order. */
    public static List<String> lineage(Policy policy) {
        List<String> ids = new ArrayList<>(List.of(policy.id()));
        PolicyManifest m = policy.manifest();
        Path dir = policy.dir();
        // The loader has already refused cycles and missing bases; the bound only guards a folder changed since.
        for (int depth = 0; m.extendsPolicy() != null && depth < 32; depth++) {
            dir = dir.resolve(m.extendsPolicy()).normalize();
            try {
                m = PolicyLoader.readManifest(dir);
            } catch (PolicyException e) {
                break;
            }
            ids.add(m.id());
        }
        return ids;
    }

    /** Whether one policy is, or extends, a policy the other is or extends. */
    public static boolean shareABase(Policy a, Policy b) {
        List<String> other = lineage(b);
        return lineage(a).stream().anyMatch(other::contains);
    }
}
