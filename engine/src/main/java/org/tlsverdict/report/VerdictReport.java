package org.tlsverdict.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.List;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Status;
import org.tlsverdict.policy.Verdict;

/**
 * The {@code tlsverdict/verdicts/v1} document: sorted, free of timestamps and absolute paths so it
 * can serve as a golden file. {@code errors} lists inputs that could not be read. {@code scope}
 * "collected" ({@code --only-collected}) says that each endpoint's status leaves out the criteria
 * that are INCONCLUSIVE only for want of facts the input does not hold (those with {@code collect}),
 * counted in {@code summary.notCollected}; their verdicts stay INCONCLUSIVE.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schema", "policy", "scope", "summary", "results", "errors"})
public record VerdictReport(String schema, PolicyRef policy, String scope, Summary summary, List<EndpointResult> results,
                            List<InputError> errors) {

    public static final String SCHEMA = "tlsverdict/verdicts/v1";
    public static final String SCOPE_COLLECTED = "collected";

    /** {@code trustedRules}: true when compiled with --trust-rules (absent, not false, otherwise: goldens stay as they are). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "version", "path", "trustedRules"})
    public record PolicyRef(String id, String version, String path, Boolean trustedRules) {

        public PolicyRef(String id, String version, String path) {
            this(id, version, path, null);
        }

        public static PolicyRef of(CompiledPolicy p) {
            return new PolicyRef(p.policy().manifest().id(), p.policy().manifest().version(), p.policy().label(),
                    p.trustedRules() ? Boolean.TRUE : null);
        }

        public boolean trusted() {
            return Boolean.TRUE.equals(trustedRules);
        }

        /** The header line reports print when rules ran as full Java. */
        public static final String TRUSTED_NOTE = "rules trusted (--trust-rules): rule files ran as full Java, without the rule check";
    }

    /** {@code notCollected}, only with scope "collected": how many of the INCONCLUSIVE verdicts lack collected facts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"endpoints", "fail", "inconclusive", "warn", "pass", "notApplicable", "notCollected"})
    public record Summary(int endpoints, int fail, int inconclusive, int warn, int pass, int notApplicable, Integer notCollected) {
    }

    @JsonPropertyOrder({"source", "message"})
    public record InputError(String source, String message) {
    }

    public static final Comparator<EndpointResult> ORDER = Comparator
            .comparing(EndpointResult::source, Comparator.nullsFirst(String::compareTo))
            .thenComparing(r -> r.endpoint().host())
            .thenComparingInt(r -> r.endpoint().port());

    public static VerdictReport of(CompiledPolicy policy, List<EndpointResult> results, List<InputError> errors) {
        return of(policy, results, errors, false);
    }

    /** With {@code onlyCollected}, endpoint statuses judge only what was collected (scope "collected"). */
    public static VerdictReport of(CompiledPolicy policy, List<EndpointResult> results, List<InputError> errors, boolean onlyCollected) {
        List<EndpointResult> sorted = results.stream().sorted(ORDER)
                .map(r -> onlyCollected ? onCollected(r) : r).toList();
        int[] counts = new int[Status.values().length];
        int[] notCollected = new int[1];
        sorted.forEach(r -> r.verdicts().forEach(v -> {
            counts[v.status().ordinal()]++;
            notCollected[0] += v.notCollected() ? 1 : 0;
        }));
        Summary summary = new Summary(sorted.size(), counts[Status.FAIL.ordinal()], counts[Status.INCONCLUSIVE.ordinal()],
                counts[Status.WARN.ordinal()], counts[Status.PASS.ordinal()], counts[Status.NOT_APPLICABLE.ordinal()],
                onlyCollected ? notCollected[0] : null);
        return new VerdictReport(SCHEMA, PolicyRef.of(policy),
                onlyCollected ? SCOPE_COLLECTED : null, summary, sorted,
                errors.isEmpty() ? null : errors.stream().sorted(Comparator.comparing(InputError::source)).toList());
    }

    /**
     * The endpoint's status over the verdicts its facts decide; INCONCLUSIVE when they decide
     * nothing that applies, so that an endpoint of which nothing was collected never reads as fine.
     */
    private static EndpointResult onCollected(EndpointResult r) {
        Status s = EndpointResult.overall(r.verdicts().stream().filter(v -> !v.notCollected()).toList());
        if (s == Status.NOT_APPLICABLE && r.verdicts().stream().anyMatch(Verdict::notCollected)) {
            s = Status.INCONCLUSIVE;
        }
        return new EndpointResult(r.endpoint(), r.domain(), r.source(), s, r.verdicts());
    }

    public boolean onlyCollected() {
        return SCOPE_COLLECTED.equals(scope);
    }

    /** The distinct hints of an endpoint's INCONCLUSIVE verdicts, in criterion order: what would decide the rest. */
    public static List<org.tlsverdict.policy.CollectHint> toCollect(EndpointResult r) {
        java.util.LinkedHashSet<org.tlsverdict.policy.CollectHint> out = new java.util.LinkedHashSet<>();
        r.verdicts().stream().filter(v -> v.collect() != null).forEach(v -> out.addAll(v.collect()));
        return List.copyOf(out);
    }

    public boolean anyFail() {
        return summary.fail() > 0;
    }
}
