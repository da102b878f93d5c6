package org.tlsverdict.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.tlsverdict.collect.InputFiles;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.PairEvaluator;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;

/**
 * Measures replay on synthetic fixtures: generates N endpoints (100 per file, mixed ports and
 * configurations), then times bare Jackson parsing, parse + evaluate with one policy (replay), and
 * parse + evaluate with two policies (what diff does), once to warm up and once measured. Prints
 * endpoints/s, the ratios and the peak heap, and beside wall time the process CPU time, because the machine is often shared and
 * wall time alone then measures the neighbours. Files are read and judged a few at a time, so
 * memory stays flat however many there are.
 * Usage: ReplayBenchmark N POLICY_A POLICY_B [WORKDIR [ENDPOINTS_PER_FILE [CORPUS]]]   (default 100 per file)
 *
 * <p>With CORPUS (a folder of saved scans, e.g. fixtures/scans), the N files are links to its
 * scanner outputs in turn (testssl.sh JSON, nmap XML and text, sslscan XML, native facts) instead
 * of synthetic facts files: parsing real scanner output costs far more than parsing compact facts,
 * so the replay-to-parse ratio of saved scans is measured too.
 */
public final class ReplayBenchmark {

    private static final String[] SUITES_12 = {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_3DES_EDE_CBC_SHA"};
    private static final int[] PORTS = {25, 587, 465, 993, 995};

    /** As the replay goldens: certificates are judged at a fixed instant. */
    private static final Instant JUDGED_AT = Instant.parse("2027-01-01T00:00:00Z");

    /** Endpoints read by the bare-parse run: a linked corpus holds files of any size. */
    private static final AtomicLong ENDPOINTS = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("tlsverdict-bench");
        int perFile = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        List<Path> files = args.length > 5 ? link(n, Path.of(args[5]), dir) : generate(n, perFile, dir);
        RuleCompiler compiler = RuleCompiler.withoutCache();
        CompiledPolicy a = compiler.compile(PolicyLoader.load(Path.of(args[1])));
        CompiledPolicy b = compiler.compile(PolicyLoader.load(Path.of(args[2])));
        // The JIT needs every phase hot before it is measured. With a 10-file warm-up the parse,
        // measured first, ran at half its later speed, and replay, measured second, ran slower than
        // diff after it, which made diff look cheap (figures in docs/benchmarks.md, "Steady state"). So a
        // warm-up round runs all three phases over up to 200,000 endpoints (10,000 files of a linked
        // corpus, whose many formats take longer to warm) and is printed as such; the measured round follows.
        boolean linked = args.length > 5;
        List<Path> warm = files.subList(0, Math.min(files.size(), linked ? 10_000 : Math.max(1, 200_000 / perFile)));
        int cores = Runtime.getRuntime().availableProcessors();
        report("warm-up round (JIT compiling, not the result)", measure(warm, a, b), cores);
        report("measured round", measure(files, a, b), cores);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("peak heap:  %d MB (max %d MB)%n", peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    /** Wall and CPU nanoseconds of bare parsing, replay and diff, and the endpoints read. */
    private record Phases(long[] parse, long[] replay, long[] diff, long endpoints) {
    }

    private static Phases measure(List<Path> files, CompiledPolicy a, CompiledPolicy b) throws Exception {
        ENDPOINTS.set(0);
        long[] parse = timed(files, List.of());
        long endpoints = ENDPOINTS.get();
        return new Phases(parse, timed(files, List.of(a)), timed(files, List.of(a, b)), endpoints);
    }

    private static void report(String title, Phases m, int cores) {
        long n = m.endpoints();
        long[] parse = m.parse();
        long[] replay = m.replay();
        long[] diff = m.diff();
        System.out.printf("-- %s: %d endpoints, %d cores%n", title, n, cores);
        System.out.printf("bare parse: %.2f s (%.0f endpoints/s); CPU %.2f s (%.0f endpoints/s on %d idle cores)%n",
                parse[0] / 1e9, n / (parse[0] / 1e9), parse[1] / 1e9, cores * n / (parse[1] / 1e9), cores);
        System.out.printf("replay:     %.2f s (%.0f endpoints/s), %.2fx bare parse; CPU %.2f s (%.0f endpoints/s on %d idle cores), %.2fx bare parse%n",
                replay[0] / 1e9, n / (replay[0] / 1e9), (double) replay[0] / parse[0],
                replay[1] / 1e9, cores * n / (replay[1] / 1e9), cores, (double) replay[1] / parse[1]);
        System.out.printf("diff:       %.2f s, %.2fx replay; CPU %.2f s, %.2fx replay%n",
                diff[0] / 1e9, (double) diff[0] / replay[0], diff[1] / 1e9, (double) diff[1] / replay[1]);
    }

    /** Wall and process CPU nanoseconds of one {@link #run}. */
    static long[] timed(List<Path> files, List<CompiledPolicy> policies) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long wall = run(files, policies);
        return new long[] {wall, os.getProcessCpuTime() - cpu};
    }

    /** Parses every file and evaluates each endpoint with each policy, files in parallel; returns nanoseconds. */
    static long run(List<Path> files, List<CompiledPolicy> policies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        AtomicLong verdicts = new AtomicLong();
        long start = System.nanoTime();
        // Two policies are judged the way diff judges them: shared criteria once (PairEvaluator).
        PairEvaluator pair = policies.size() == 2
                ? new PairEvaluator(policies.get(0), policies.get(1), RuleCompiler.withoutCache(), CipherRegistry.standard(), JUDGED_AT) : null;
        List<Evaluator> evaluators = pair != null ? List.of()
                : policies.stream().map(p -> new Evaluator(p, CipherRegistry.standard(), JUDGED_AT)).toList();
        java.util.ArrayDeque<Future<?>> futures = new java.util.ArrayDeque<>();
        int inFlight = 4 * Runtime.getRuntime().availableProcessors();
        for (Path f : files) {
            if (futures.size() >= inFlight) {
                futures.removeFirst().get();
            }
            futures.add(pool.submit(() -> {
                FactsDocument doc = InputReader.read(f, f.getFileName().toString());
                if (policies.isEmpty()) {
                    ENDPOINTS.addAndGet(doc.endpoints().size());
                }
                if (pair != null) {
                    verdicts.addAndGet(pair.evaluateAll(doc, f.toString()).after().size());
                }
                for (Evaluator ev : evaluators) {
                    verdicts.addAndGet(ev.evaluateAll(doc, f.toString()).size());
                }
                return null;
            }));
        }
        for (Future<?> fu : futures) {
            fu.get();
        }
        long t = System.nanoTime() - start;
        pool.shutdown();
        return t;
    }

    /** N links named after the scanner outputs under {@code corpus}, taken in turn. */
    static List<Path> link(int n, Path corpus, Path dir) throws Exception {
        List<Path> inputs = new ArrayList<>();
        InputFiles.byFolder(List.of(corpus)).values().forEach(inputs::addAll);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path source = inputs.get(i % inputs.size()).toAbsolutePath();
            Path link = dir.resolve(i + "-" + source.getFileName());
            Files.createSymbolicLink(link, source);
            files.add(link);
        }
        return files;
    }

    static List<Path> generate(int n, int perFile, Path dir) throws Exception {
        Random rnd = new Random(42);
        List<Path> files = new ArrayList<>();
        for (int file = 0; (long) file * perFile < n; file++) {
            ObjectNode root = FactsCodec.json().createObjectNode();
            root.put("schema", FactsDocument.SCHEMA);
            ArrayNode eps = root.putArray("endpoints");
            for (int i = file * perFile; i < Math.min(n, file * perFile + perFile); i++) {
                ObjectNode e = eps.addObject();
                e.putObject("endpoint").put("host", "mx" + i + ".bench.test").put("port", PORTS[rnd.nextInt(PORTS.length)]);
                boolean old = rnd.nextBoolean();
                ObjectNode protocols = e.putObject("protocols");
                protocols.put("SSLv2", "not-offered").put("SSLv3", "not-offered").put("TLSv1.0", old ? "offered" : "not-offered")
                        .put("TLSv1.1", "not-offered").put("TLSv1.2", "offered").put("TLSv1.3", "offered");
                ObjectNode ciphers = e.putObject("ciphers");
                ArrayNode t12 = ciphers.putArray("TLSv1.2");
                int count = 2 + rnd.nextInt(SUITES_12.length - 1);
                for (int s = 0; s < count; s++) {
                    ObjectNode c = t12.addObject().put("iana", SUITES_12[s]);
                    if (SUITES_12[s].contains("_DHE_")) {
                        c.put("dhBits", rnd.nextBoolean() ? 2048 : 1024);
                    }
                }
                if (old) {
                    ciphers.putArray("TLSv1.0").addObject().put("iana", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
                }
                ciphers.putArray("TLSv1.3").addObject().put("iana", "TLS_AES_256_GCM_SHA384");
                e.putObject("serverPreference").put("TLSv1.2", rnd.nextBoolean() ? "server" : "client").put("TLSv1.3", "client");
                e.putArray("vulnerabilities").addObject().put("name", "HEARTBLEED").put("status", "not-vulnerable");
                // Every endpoint has a certificate of its own, as on the Internet: no two endpoints are alike.
                String host = "mx" + i + ".bench.test";
                Instant issued = Instant.parse("2026-06-01T00:00:00Z").plusSeconds(86_400L * rnd.nextInt(200));
                ObjectNode leaf = e.putArray("certificates").addObject().put("position", 0).put("subject", "CN=" + host)
                        .put("issuer", "CN=Bench CA " + rnd.nextInt(4)).put("keyType", "RSA").put("keyBits", rnd.nextInt(10) == 0 ? 1024 : 2048)
                        .put("signatureAlgorithm", "sha256WithRSAEncryption").put("notBefore", issued.toString())
                        .put("notAfter", issued.plusSeconds(86_400L * 90 * (1 + rnd.nextInt(4))).toString())
                        .put("trusted", rnd.nextInt(20) == 0 ? "no" : "yes").put("hostnameMatch", "yes");
                leaf.putArray("subjectAltNames").add(host);
            }
            Path f = dir.resolve("bench-" + file + ".json");
            FactsCodec.json().writeValue(f.toFile(), root);
            files.add(f);
        }
        return files;
    }
}
