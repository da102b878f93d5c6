package org.tlsverdict.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tlsverdict.facts.DiscoveredService;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Criterion;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Status;
import org.tlsverdict.policy.Verdict;

/**
 * A mail provider judged as a whole ({@code tlsverdict/provider/v1}): per domain, one row per
 * discovered endpoint and one for the domain, one column per criterion, and a summary of which
 * criteria every endpoint meets and which endpoint fails which. A criterion on the domain's facts
 * ({@code @subject("domain")}) is judged once, on the domain row; on an endpoint that is not an MX
 * of the domain its cell is left empty and does not count, since those facts (DANE, MTA-STS) protect
 * the MX. The provider's status is the worst of its endpoints' and its domain's.
 */
@JsonPropertyOrder({"schema", "policy", "providers"})
public record ProviderReport(String schema, VerdictReport.PolicyRef policy, List<Provider> providers) {

    public static final String SCHEMA = "tlsverdict/provider/v1";

    /** One endpoint as the provider table shows it: {@code unreachable} set when it could not be scanned. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"service", "host", "ip", "port", "transport", "foundBy", "status", "unreachable", "verdicts"})
    public record Row(String service, String host, String ip, int port, String transport, List<String> foundBy, Status status,
                      String unreachable, Map<String, Status> verdicts) {
        public String label() {
            return host + ":" + port;
        }
    }

    /** A criterion some endpoint (or the domain) does not meet, with who and why. */
    @JsonPropertyOrder({"criterion", "title", "endpoints"})
    public record Shortfall(String criterion, String title, List<Miss> endpoints) {
    }

    @JsonPropertyOrder({"endpoint", "status", "message"})
    public record Miss(String endpoint, Status status, String message) {
    }

    @JsonPropertyOrder({"metByAll", "notApplicable", "shortfalls"})
    public record Summary(List<String> metByAll, List<String> notApplicable, List<Shortfall> shortfalls) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"domain", "status", "criteria", "endpoints", "domainVerdicts", "summary", "findings"})
    public record Provider(String domain, Status status, List<String> criteria, List<Row> endpoints,
                           Map<String, Status> domainVerdicts, Summary summary, List<String> findings) {
    }

    /**
     * What the command hands over for one domain: its facts (with {@code services}), each endpoint
     * with its judged result (or the reason it could not be scanned; the result is then the verdicts
     * of an endpoint without facts) and the domain judged on its own.
     */
    public record Input(DomainFacts domain, List<EndpointInput> endpoints, EndpointResult domainResult, List<String> findings) {
    }

    public record EndpointInput(DiscoveredService service, EndpointResult result, String unreachable) {
    }

    public static ProviderReport of(CompiledPolicy policy, List<Input> inputs) {
        var m = policy.policy().manifest();
        List<Provider> out = new ArrayList<>();
        for (Input in : inputs) {
            out.add(provider(policy.criteria(), in));
        }
        return new ProviderReport(SCHEMA, new VerdictReport.PolicyRef(m.id(), m.version(), policy.policy().label()), List.copyOf(out));
    }

    private static Provider provider(List<Criterion> criteria, Input in) {
        List<Row> rows = new ArrayList<>();
        Status overall = Status.NOT_APPLICABLE;
        Map<String, List<Miss>> misses = new LinkedHashMap<>();
        Map<String, Integer> applicable = new LinkedHashMap<>();
        criteria.forEach(c -> {
            misses.put(c.id(), new ArrayList<>());
            applicable.put(c.id(), 0);
        });
        for (EndpointInput e : in.endpoints()) {
            boolean mx = in.domain().hasMx(e.service().host());
            Map<String, Status> cells = new LinkedHashMap<>();
            Status rowStatus = Status.NOT_APPLICABLE;
            for (Criterion c : criteria) {
                if (c.judgesDomain() && !mx) {
                    continue;
                }
                Verdict v = verdict(e.result(), c.id());
                Status s = v == null ? Status.INCONCLUSIVE : v.status();
                cells.put(c.id(), s);
                rowStatus = Status.worst(rowStatus, s);
                count(c, s, e.service().label(), v == null ? "no verdict" : v.message(), misses, applicable);
            }
            overall = Status.worst(overall, rowStatus);
            DiscoveredService ds = e.service();
            rows.add(new Row(ds.service().toString(), ds.host(), e.result().endpoint().ip(), ds.port(), ds.transport().toString(),
                    ds.foundBy().stream().map(Object::toString).toList(), rowStatus, e.unreachable(), cells));
        }
        Map<String, Status> domainCells = new LinkedHashMap<>();
        for (Criterion c : criteria) {
            if (!c.judgesDomain()) {
                continue;
            }
            Verdict v = in.domainResult() == null ? null : verdict(in.domainResult(), c.id());
            Status s = v == null ? Status.INCONCLUSIVE : v.status();
            domainCells.put(c.id(), s);
            overall = Status.worst(overall, s);
            count(c, s, in.domain().domain() + " (domain)", v == null ? "no verdict" : v.message(), misses, applicable);
        }
        List<String> met = new ArrayList<>();
        List<String> notApplicable = new ArrayList<>();
        List<Shortfall> shortfalls = new ArrayList<>();
        for (Criterion c : criteria) {
            if (!misses.get(c.id()).isEmpty()) {
                shortfalls.add(new Shortfall(c.id(), c.title(), List.copyOf(misses.get(c.id()))));
            } else if (applicable.get(c.id()) == 0) {
                notApplicable.add(c.id());
            } else {
                met.add(c.id());
            }
        }
        return new Provider(in.domain().domain(), overall, criteria.stream().map(Criterion::id).toList(), List.copyOf(rows),
                domainCells, new Summary(met, notApplicable, shortfalls), List.copyOf(in.findings()));
    }

    private static void count(Criterion c, Status s, String who, String message, Map<String, List<Miss>> misses,
                              Map<String, Integer> applicable) {
        if (s == Status.NOT_APPLICABLE) {
            return;
        }
        applicable.merge(c.id(), 1, Integer::sum);
        if (s != Status.PASS) {
            misses.get(c.id()).add(new Miss(who, s, message));
        }
    }

    private static Verdict verdict(EndpointResult r, String criterion) {
        for (Verdict v : r.verdicts()) {
            if (v.criterion().equals(criterion)) {
                return v;
            }
        }
        return null;
    }

    /** Whether any provider has a FAIL anywhere: the exit code of {@code check}. */
    public boolean anyFail() {
        return providers.stream().anyMatch(p -> p.status() == Status.FAIL);
    }
}
