package org.tlsverdict.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.Preference;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.VulnStatus;
import org.tlsverdict.facts.Vulnerability;

/**
 * Turns an INCONCLUSIVE verdict into something to do: which facts the criterion reads that the
 * input does not hold, and which collector and flag supply them ({@code collect-hints.tsv}).
 * What a criterion reads comes from the fact types its rule file names; what the input lacks from
 * the endpoint's facts (a missing area, a version or test left out). An INCONCLUSIVE verdict that
 * gets no hint was undecided on facts that were collected (an unknown suite, no rule matched).
 */
public final class CollectAdvice {

    /** Fact areas a criterion can read; {@code MX_ENDPOINTS} stands for the TLS facts of a domain's MX hosts. */
    enum Source {
        PROTOCOLS("protocols"), CIPHERS("ciphers"), SERVER_PREFERENCE("serverPreference"), CERTIFICATES("certificates"),
        VULNERABILITIES("vulnerabilities"), DOMAINS("domains"), MX_ENDPOINTS("mxEndpoints");

        final String key;

        Source(String key) {
            this.key = key;
        }
    }

    /** A fact the input lacks: a whole area ({@code item} null) or one version or test of it. */
    record Missing(Source source, String item) {
    }

    private record Row(String area, String item, String collector, String fact, String how) {

        boolean matches(Missing m, String endpointCollector) {
            if (!area.equals(m.source().key)) {
                return false;
            }
            boolean itemOk = switch (item) {
                case "*" -> true;
                case "-" -> m.item() == null;
                case "+" -> m.item() != null;
                default -> item.equals(m.item());
            };
            return itemOk && (collector.equals("*") || endpointCollector != null && endpointCollector.startsWith(collector));
        }

        CollectHint hint(Missing m) {
            String it = m.item() == null ? "" : m.item();
            return new CollectHint(fact.replace("{item}", it), how.replace("{item}", it));
        }
    }

    private static final List<Row> ROWS = readRows();

    /** Type names in rule code and the areas they read; {@code Area.X} names an area directly. */
    private static final Map<String, Source> TYPES = Map.ofEntries(
            Map.entry("ProtocolFact", Source.PROTOCOLS), Map.entry("BestVersion", Source.PROTOCOLS), Map.entry("Tls12OrLater", Source.PROTOCOLS),
            Map.entry("PROTOCOLS", Source.PROTOCOLS),
            Map.entry("CipherFact", Source.CIPHERS), Map.entry("SuiteGrade", Source.CIPHERS), Map.entry("BrokenPrimitive", Source.CIPHERS), Map.entry("CIPHERS", Source.CIPHERS),
            Map.entry("PreferenceFact", Source.SERVER_PREFERENCE), Map.entry("SERVER_PREFERENCE", Source.SERVER_PREFERENCE),
            Map.entry("Certificate", Source.CERTIFICATES), Map.entry("CERTIFICATES", Source.CERTIFICATES),
            Map.entry("Vulnerability", Source.VULNERABILITIES), Map.entry("VULNERABILITIES", Source.VULNERABILITIES),
            Map.entry("DomainFact", Source.DOMAINS), Map.entry("MxFact", Source.DOMAINS), Map.entry("TlsaFact", Source.DOMAINS),
            Map.entry("MtaStsFact", Source.DOMAINS), Map.entry("TlsRptFact", Source.DOMAINS), Map.entry("CaaFact", Source.DOMAINS));
    private static final Pattern WORD = Pattern.compile("\\b[A-Za-z_]+\\b");
    private static final Set<Source> TLS_AREAS = EnumSet.of(Source.PROTOCOLS, Source.CIPHERS, Source.SERVER_PREFERENCE,
            Source.CERTIFICATES, Source.VULNERABILITIES);

    private final Map<String, Set<Source>> reads = new HashMap<>();
    /** Endpoints of one kind lack the same facts: their hints are worked out once (replay judges millions). */
    private final Map<HintKey, List<CollectHint>> known = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_KNOWN = 10_000;

    private record HintKey(List<Missing> missing, String collector) {
    }

    public CollectAdvice(CompiledPolicy policy) {
        Map<String, String> codeByLabel = new HashMap<>();
        policy.policy().ruleFiles().forEach(f -> codeByLabel.put(f.label(), f.code()));
        for (Criterion c : policy.criteria()) {
            String code = codeByLabel.getOrDefault(c.file(), "");
            Set<Source> read = named(code);
            if (c.judgesDomain()) {
                // The engine concludes "no domain facts" for it (DomainlessOutcomes): it reads the domains
                // whether or not its file names a domain fact type (it may read rules/common's labels only).
                read.add(Source.DOMAINS);
            } else if (read.isEmpty()) {
                read = reads(code);
            }
            reads.put(c.id(), read);
        }
    }

    /**
     * The areas a rule file reads. A file that names none of the fact types (one deciding on
     * labels of shared tables only) may read any TLS area.
     */
    static Set<Source> reads(String code) {
        Set<Source> out = named(code);
        return out.isEmpty() ? EnumSet.copyOf(TLS_AREAS) : out;
    }

    /** The areas of the fact types {@code code} names. */
    private static Set<Source> named(String code) {
        Set<Source> out = EnumSet.noneOf(Source.class);
        Matcher m = WORD.matcher(code);
        while (m.find()) {
            Source s = TYPES.get(m.group());
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** The facts {@code facts} lacks, {@code domainsCollected} telling whether a mail domain of it was collected. */
    static List<Missing> missing(EndpointFacts facts, boolean domainsCollected) {
        List<Missing> out = new ArrayList<>();
        Map<TlsVersion, Support> protocols = facts.protocols();
        if (protocols == null) {
            out.add(new Missing(Source.PROTOCOLS, null));
        } else {
            for (TlsVersion v : TlsVersion.values()) {
                Support s = protocols.get(v);
                if (s == null || s == Support.UNKNOWN) {
                    out.add(new Missing(Source.PROTOCOLS, v.label()));
                }
            }
        }
        List<TlsVersion> offered = protocols == null ? List.of()
                : protocols.entrySet().stream().filter(e -> e.getValue() == Support.OFFERED).map(Map.Entry::getKey).toList();
        if (facts.ciphers() == null) {
            out.add(new Missing(Source.CIPHERS, null));
        } else {
            offered.stream().filter(v -> !facts.ciphers().containsKey(v)).forEach(v -> out.add(new Missing(Source.CIPHERS, v.label())));
        }
        if (facts.serverPreference() == null) {
            out.add(new Missing(Source.SERVER_PREFERENCE, null));
        } else {
            for (TlsVersion v : offered) {
                Preference p = facts.serverPreference().get(v);
                if (p == null || p == Preference.UNKNOWN) {
                    out.add(new Missing(Source.SERVER_PREFERENCE, v.label()));
                }
            }
        }
        if (facts.certificates() == null) {
            out.add(new Missing(Source.CERTIFICATES, null));
        }
        if (facts.vulnerabilities() == null) {
            out.add(new Missing(Source.VULNERABILITIES, null));
        } else {
            for (Vulnerability v : facts.vulnerabilities()) {
                if (v.status() == null || v.status() == VulnStatus.UNKNOWN) {
                    out.add(new Missing(Source.VULNERABILITIES, v.name()));
                }
            }
        }
        if (!domainsCollected) {
            out.add(new Missing(Source.DOMAINS, null));
        }
        return out;
    }

    /** The verdicts of one endpoint, each INCONCLUSIVE one with what to collect for it. */
    public List<Verdict> advise(EndpointFacts facts, List<DomainFacts> domains, List<Verdict> verdicts) {
        if (verdicts.stream().noneMatch(v -> v.status() == Status.INCONCLUSIVE)) {
            return verdicts;
        }
        boolean domainsCollected = domains != null && domains.stream().anyMatch(d -> d.hasMx(facts.endpoint().host()));
        List<Missing> missing = missing(facts, domainsCollected);
        String collector = facts.source() == null ? null : facts.source().collector();
        List<Verdict> out = new ArrayList<>(verdicts.size());
        for (Verdict v : verdicts) {
            if (v.status() != Status.INCONCLUSIVE) {
                out.add(v);
                continue;
            }
            Set<Source> read = reads.getOrDefault(v.criterion(), TLS_AREAS);
            out.add(v.withCollect(knownHints(missing.stream().filter(m -> read.contains(m.source())).toList(), collector)));
        }
        return out;
    }

    /**
     * The verdicts of a mail domain judged on its own: criteria on TLS facts were INCONCLUSIVE
     * because its MX endpoints were not scanned.
     */
    public List<Verdict> adviseDomain(DomainFacts domain, List<Verdict> verdicts, Set<String> domainCriteria) {
        List<Verdict> out = new ArrayList<>(verdicts.size());
        List<CollectHint> scanMx = hints(List.of(new Missing(Source.MX_ENDPOINTS, domain.domain())), null);
        for (Verdict v : verdicts) {
            out.add(v.status() == Status.INCONCLUSIVE && !domainCriteria.contains(v.criterion()) ? v.withCollect(scanMx) : v);
        }
        return out;
    }

    private List<CollectHint> knownHints(List<Missing> missing, String collector) {
        if (missing.isEmpty()) {
            return List.of();
        }
        HintKey key = new HintKey(missing, collector);
        List<CollectHint> hints = known.get(key);
        if (hints == null) {
            hints = hints(missing, collector);
            if (known.size() < MAX_KNOWN) {
                known.put(key, hints);
            }
        }
        return hints;
    }

    static List<CollectHint> hints(List<Missing> missing, String collector) {
        LinkedHashSet<CollectHint> out = new LinkedHashSet<>();
        for (Missing m : missing) {
            for (Row r : ROWS) {
                if (r.matches(m, collector)) {
                    out.add(r.hint(m));
                    break;
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<Row> readRows() {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = CollectAdvice.class.getResourceAsStream("collect-hints.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 5) {
                    throw new IllegalStateException("collect-hints.tsv: expected 5 columns: " + line);
                }
                rows.add(new Row(f[0], f[1], f[2], f[3], f[4]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(rows);
    }
}
