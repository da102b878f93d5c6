package org.tlsverdict.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Policy;
import org.tlsverdict.policy.PolicyException;

/**
 * The daemon's compiled policies, kept between runs. Each run still reads every policy file; a
 * compiled policy is reused only for a policy equal in every file text, path, label and manifest
 * field (and the same --trust-rules), which is what the on-disk cache keys on too, so an edited
 * rule is compiled again on the next run exactly as in-process. A compile that printed anything
 * (a warning about the cache folder) is not kept: in-process every run would print it again.
 */
final class WarmPolicies {

    /** A few: a rule author switches between a policy and the one it extends, not among dozens. */
    private static final int KEEP = 4;

    interface Compile {
        CompiledPolicy run() throws PolicyException;
    }

    private record Key(Policy policy, boolean trustRules) {
    }

    private final Map<Key, CompiledPolicy> recent = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CompiledPolicy> eldest) {
            return size() > KEEP;
        }
    };

    /** {@code errBytes}: how much the run has written to stderr so far. */
    synchronized CompiledPolicy compile(Policy policy, boolean trustRules, LongSupplier errBytes, Compile compile) throws PolicyException {
        Key key = new Key(policy, trustRules);
        CompiledPolicy kept = recent.get(key);
        if (kept != null) {
            return kept;
        }
        long before = errBytes.getAsLong();
        CompiledPolicy made = compile.run();
        if (errBytes.getAsLong() == before) {
            recent.put(key, made);
        }
        return made;
    }
}
