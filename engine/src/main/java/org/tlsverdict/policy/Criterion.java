package org.tlsverdict.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A criterion's metadata, read from the {@code @id ...} annotations of the rule named after its
 * file. {@code expect} states the threshold in words; {@code file} is the rule file as labelled in
 * the policy (relative, so reports stay free of absolute paths). {@code needs} names facts no
 * collector supplies yet (e.g. "dns"): such a criterion can only be INCONCLUSIVE for now.
 * {@code subject} "domain" marks a criterion on the {@code domains} facts, judged also for a mail
 * domain no MX endpoint of the facts belongs to.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Criterion(String id, String title, String level, String source, String expect, String rationale,
                        String needs, String subject, String rule, String file, @JsonIgnore String packageName) {

    /** {@code @subject("domain")}: the criterion judges mail-domain facts and also applies to a domain on its own. */
    public static final String SUBJECT_DOMAIN = "domain";

    public boolean judgesDomain() {
        return SUBJECT_DOMAIN.equals(subject);
    }

    public static final java.util.Set<String> LEVELS = java.util.Set.of("MUST", "MUST_NOT", "SHOULD", "SHOULD_NOT", "MAY");
}
