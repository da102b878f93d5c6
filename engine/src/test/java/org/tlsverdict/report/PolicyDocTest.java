package org.tlsverdict.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.ShippedPolicies;

/** The checked-in docs/policies/*.md are what `./tlsverdict rules DIR --doc` writes today. */
class PolicyDocTest {

    @Test
    void checkedInDocsAreCurrent() throws Exception {
        for (Path dir : ShippedPolicies.all()) {
            CompiledPolicy p = RuleCompiler.withoutCache().compile(PolicyLoader.load(dir));
            Path doc = Path.of("docs/policies", p.policy().id() + ".md");
            assertThat(doc).as("regenerate with ./tlsverdict rules " + dir + " --doc").exists();
            assertThat(Files.readString(doc)).as(doc + " is stale: run ./tlsverdict rules " + dir + " --doc")
                    .isEqualTo(PolicyDoc.markdown(p));
        }
    }

    @Test
    void docCarriesEveryCriterionWithThresholdAndSource() throws Exception {
        CompiledPolicy p = RuleCompiler.withoutCache().compile(PolicyLoader.load(Path.of("rules/privacyguides-proposed")));
        String md = PolicyDoc.markdown(p);
        assertThat(md).contains("### PGP-TLS-PORT25", "- level: MUST", "- threshold: on port 25: TLSv1.2 or TLSv1.3 offered",
                "- source: <https://discuss.privacyguides.org/", "extends | `../privacyguides-2023`",
                "includes | ../mail-dns/caa-or-dane-and-mta-sts.drl", "### DNS-CAA-OR-DANE-AND-MTA-STS",
                "- rule file: `rules/mail-dns/caa-or-dane-and-mta-sts.drl`")
                .doesNotContain("### PGP-TLS-VERSION").doesNotContain("- needs facts: dns");
        assertThat(PolicyDoc.markdown(p)).isEqualTo(md);
    }

    /** A criterion still waiting for facts no collector supplies says so. */
    @Test
    void aCriterionWaitingForFactsSaysSo(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("p"));
        Files.writeString(dir.resolve("policy.yaml"), "id: p\ntitle: t\nversion: \"1\"\nstatus: draft\n");
        Files.writeString(dir.resolve("ocsp.drl"), """
                package t.ocsp;
                import org.tlsverdict.policy.Outcome;
                rule "ocsp"
                  @id("OCSP") @title("OCSP stapling") @level("SHOULD") @source("https://example.org") @needs("ocsp")
                when
                then
                end
                rule "ocsp: not collected"
                when
                then
                  insertLogical( Outcome.inconclusive( drools, "OCSP stapling is not collected" ) );
                end
                """);
        CompiledPolicy p = RuleCompiler.withoutCache().compile(PolicyLoader.load(dir));
        assertThat(PolicyDoc.markdown(p)).contains("- needs facts: ocsp");
    }
}
