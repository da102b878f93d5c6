package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The files a criterion depends on: its own, the tables whose labels it reads, the classifications it reads. */
class CriterionSourcesTest {

    static Map<String, List<String>> labels(String policy) throws Exception {
        CompiledPolicy p = RuleCompiler.withDefaultCache().compile(PolicyLoader.load(Path.of("rules", policy)));
        Map<String, List<CriterionSources.Dependency>> deps = CriterionSources.of(p.policy(), p.criteria());
        return deps.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(d -> d.file().label()).toList()));
    }

    @Test
    void aCriterionDependsOnTheTableRulesWhoseLabelsItReads() throws Exception {
        Map<String, List<String>> moz = labels("mozilla-intermediate-5.7");
        assertThat(moz.get("MOZ-SUITES")).first().isEqualTo("rules/mozilla-intermediate-5.7/suites.drl");
        assertThat(moz.get("MOZ-SUITES")).contains("rules/mozilla-common/suites-intermediate-5.7/suites.drl", "rules/common/completeness.drl")
                .doesNotContain("rules/mozilla-common/curves-5.7/curves.drl", "rules/mozilla-common/intermediate/profile.drl");
        assertThat(moz.get("MOZ-DH")).contains("rules/mozilla-common/intermediate/profile.drl")
                .doesNotContain("rules/mozilla-common/suites-intermediate-5.7/suites.drl");
    }

    @Test
    void derivedTypesAndLabelsOfOtherCriteriaAreFollowed() throws Exception {
        assertThat(labels("privacyguides-proposed").get("PGP-NO-VULNS")).contains("rules/common/mail-ports.drl");
        assertThat(labels("privacyguides-2023").get("PGP-NO-VULNS")).doesNotContain("rules/common/mail-ports.drl");
        // The resulting cap reads the cap:X labels the other cap criteria insert (and "cap:.*" as a pattern).
        assertThat(labels("ssllabs-caps").get("SSLLABS-CAP")).contains("rules/ssllabs-caps/cap-b.drl", "rules/ssllabs-caps/cap-f.drl",
                "rules/ssllabs-caps/cap-t.drl", "rules/ssllabs-caps/cap-m.drl", "rules/ssllabs-caps/cap-c.drl");
    }

    @Test
    void onlyTheRulesACriterionReadsCountForTheFingerprint() throws Exception {
        CompiledPolicy p = RuleCompiler.withDefaultCache().compile(PolicyLoader.load(Path.of("rules/mozilla-intermediate-5.7")));
        Map<String, List<CriterionSources.Dependency>> deps = CriterionSources.of(p.policy(), p.criteria());
        String profile = "rules/mozilla-common/intermediate/profile.drl";
        String dh = deps.get("MOZ-DH").stream().filter(d -> d.file().label().equals(profile)).findFirst().orElseThrow().fingerprint();
        assertThat(dh).contains("moz:dh-small").doesNotContain("moz:version-outside").doesNotContain("dh_param_size");
        assertThat(deps.get("MOZ-DH").get(0).fingerprint()).isEqualTo(deps.get("MOZ-DH").get(0).file().text());
    }
}
