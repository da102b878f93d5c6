package org.tlsverdict.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A criterion's metadata, read from the {@code @id ...} annotations of the rule named after its
 * file. {@code expect} states the threshold in words; {@code file} is the rule file as labelled in
 * the policy (relative, so reports stay free of absolute paths). {@code needs} names facts no
 * collector supplies yet (e.g. "dns"): such a criterion can only be INCONCLUSIVE for now.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Criterion(String id, String title, String level, String source, String expect, String rationale,
                        String needs, String rule, String file, @JsonIgnore String packageName) {

    public static final java.util.Set<String> LEVELS = java.util.Set.of("MUST", "MUST_NOT", "SHOULD", "SHOULD_NOT", "MAY");
}
