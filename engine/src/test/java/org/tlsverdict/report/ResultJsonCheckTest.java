package org.tlsverdict.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evidence;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.Status;
import org.tlsverdict.policy.Verdict;
import org.tlsverdict.policy.cases.CaseResult;
import org.tlsverdict.policy.cases.CaseRunner;

/**
 * {@code tlsverdict test} holds the JSON report's fast writer to Jackson on every case's result:
 * it passes with the writers as shipped and fails the cases a broken fast writer gets wrong.
 */
class ResultJsonCheckTest {

    private static EndpointResult result(String text) {
        Verdict v = new Verdict("C", "title " + text, "MUST", Status.FAIL, text, "e", List.of(new Evidence(text, "manual", "f.json", text)),
                List.of("r"), null);
        return new EndpointResult(new Endpoint("mx.test", null, 25, null, null), "f.json", Status.FAIL, List.of(v));
    }

    @Test
    void theShippedWritersAgreeOnOddText() {
        ResultJsonCheck check = new ResultJsonCheck();
        for (String text : List.of("plain", "caf\u00e9", "emoji \ud83d\ude00", "lone \ud800", "\u0000\u001f\"\\", "\u2028")) {
            assertThat(check.apply(result(text))).as(text).isNull();
            assertThat(check.apply(result(text))).as("copied the second time: %s", text).isNull();
        }
    }

    @Test
    void aFastWriterThatWritesACharacterOutsideTheBmpAsItselfIsCaught() {
        // As Jackson's text path wrote it before every writer escaped surrogates.
        Function<EndpointResult, byte[]> unescaped = r -> JsonReportStream.jacksonElementText(r).replace("\\uD83D\\uDE00", "\ud83d\ude00")
                .getBytes(StandardCharsets.UTF_8);
        ResultJsonCheck check = new ResultJsonCheck(unescaped);
        assertThat(check.apply(result("plain"))).isNull();
        assertThat(check.apply(result("emoji \ud83d\ude00"))).startsWith("the JSON report writes this case's result in two ways: at byte ")
                .contains("the fast writer (plain replay, goldens) writes '").contains("\\xF0\\x9F\\x98\\x80")
                .contains("and Jackson '").contains("\\uD83D\\uDE00");
    }

    @Test
    void aFastWriterThatCopiesAResultWrittenBeforeOnTooCoarseAKeyFailsTheShippedCases() throws Exception {
        // A copy keyed by the verdicts' statuses alone: results alike in status but not in message get an earlier result's bytes.
        Map<String, byte[]> written = new HashMap<>();
        Function<EndpointResult, byte[]> coarse = r -> written.computeIfAbsent(
                r.verdicts().stream().map(v -> v.status().toString()).toList().toString(), k -> JsonReportStream.jacksonElement(r));
        CompiledPolicy policy = RuleCompiler.withoutCache().compile(PolicyLoader.load(Path.of("rules/privacyguides-2023")));
        CaseRunner.Run good = CaseRunner.run(policy, CipherRegistry.standard(), new ResultJsonCheck());
        assertThat(good.results()).isNotEmpty().allMatch(CaseResult::passed);
        CaseRunner.Run broken = CaseRunner.run(policy, CipherRegistry.standard(), new ResultJsonCheck(coarse));
        assertThat(broken.results()).anyMatch(r -> !r.passed() && r.describeFailure().contains("the JSON report writes this case's result in two ways"));
    }
}
