package org.tlsverdict.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.List;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Status;

/**
 * The {@code tlsverdict/verdicts/v1} document: sorted, free of timestamps and absolute paths so it
 * can serve as a golden file. {@code errors} lists inputs that could not be read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schema", "policy", "summary", "results", "errors"})
public record VerdictReport(String schema, PolicyRef policy, Summary summary, List<EndpointResult> results,
                            List<InputError> errors) {

    public static final String SCHEMA = "tlsverdict/verdicts/v1";

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

    @JsonPropertyOrder({"endpoints", "fail", "inconclusive", "warn", "pass", "notApplicable"})
    public record Summary(int endpoints, int fail, int inconclusive, int warn, int pass, int notApplicable) {
    }

    @JsonPropertyOrder({"source", "message"})
    public record InputError(String source, String message) {
    }

    public static final Comparator<EndpointResult> ORDER = Comparator
            .comparing(EndpointResult::source, Comparator.nullsFirst(String::compareTo))
            .thenComparing(r -> r.endpoint().host())
            .thenComparingInt(r -> r.endpoint().port());

    public static VerdictReport of(CompiledPolicy policy, List<EndpointResult> results, List<InputError> errors) {
        List<EndpointResult> sorted = results.stream().sorted(ORDER).toList();
        int[] counts = new int[Status.values().length];
        sorted.forEach(r -> r.verdicts().forEach(v -> counts[v.status().ordinal()]++));
        Summary summary = new Summary(sorted.size(), counts[Status.FAIL.ordinal()], counts[Status.INCONCLUSIVE.ordinal()],
                counts[Status.WARN.ordinal()], counts[Status.PASS.ordinal()], counts[Status.NOT_APPLICABLE.ordinal()]);
        return new VerdictReport(SCHEMA, PolicyRef.of(policy), summary, sorted,
                errors.isEmpty() ? null : errors.stream().sorted(Comparator.comparing(InputError::source)).toList());
    }

    public boolean anyFail() {
        return summary.fail() > 0;
    }
}
