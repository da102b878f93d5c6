package org.tlsverdict.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.collect.importer.ImportTarget;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.FactsFormatException;
import org.tlsverdict.policy.BundledPolicies;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.PolicyException;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.RuleFile;
import org.tlsverdict.policy.Verdict;

/**
 * The verdicts {@code evaluate --watch} and {@code replay --watch} keep between runs: each input
 * read once and read again only when it is saved, the policy compiled again only when one of its
 * files is, and the verdicts of the last run to tell what changed.
 */
final class WatchedVerdicts implements AutoCloseable {

    private final Path policyDir;
    private final boolean trustRules;
    private final Instant at;
    private final String from;
    private final ImportTarget target;
    private CompiledPolicy policy;
    /** Inputs by absolute path, in the order given; each with the label its verdicts cite. */
    private final Map<Path, Batch.Input> inputs = new LinkedHashMap<>();
    private final Map<Path, FactsDocument> docs = new TreeMap<>();
    private final Map<Path, String> unreadable = new TreeMap<>();
    private Map<String, String> last = Map.of();
    private final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
        Thread t = new Thread(r, "tlsverdict-watch");
        t.setDaemon(true);
        return t;
    });

    WatchedVerdicts(Path policyDir, CompiledPolicy policy, boolean trustRules, Instant at, String from, ImportTarget target) {
        this.policyDir = policyDir;
        this.policy = policy;
        this.trustRules = trustRules;
        this.at = at;
        this.from = from;
        this.target = target;
    }

    static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** Sets the inputs (a replay folder may gain or lose files); new ones are read, gone ones dropped. */
    void inputs(List<Batch.Input> now) {
        Set<Path> keep = new HashSet<>();
        Map<Path, Batch.Input> added = new LinkedHashMap<>();
        for (Batch.Input in : now) {
            Path k = key(in.path());
            keep.add(k);
            if (!inputs.containsKey(k)) {
                added.put(k, in);
            }
        }
        inputs.keySet().retainAll(keep);
        docs.keySet().retainAll(keep);
        unreadable.keySet().retainAll(keep);
        inputs.putAll(added);
        added.keySet().forEach(this::read);
    }

    boolean isInput(Path p) {
        return inputs.containsKey(key(p));
    }

    /** Reads an input again (after it was saved). */
    void read(Path p) {
        Path k = key(p);
        Batch.Input in = inputs.get(k);
        if (in == null) {
            return;
        }
        try {
            FactsDocument doc = InputReader.read(in.path(), in.label(), from, target);
            docs.put(k, doc);
            unreadable.remove(k);
        } catch (FactsFormatException e) {
            docs.remove(k);
            unreadable.put(k, e.getMessage());
        }
    }

    /** The folders whose files make the policy: its own, the policies it extends, the shared files it includes. */
    Set<Path> policyFolders() {
        Set<Path> out = new java.util.TreeSet<>();
        if (policy.policy().dir() != null) {
            out.add(key(policy.policy().dir()));
        }
        for (RuleFile f : policy.policy().ruleFiles()) {
            if (f.path() != null && f.path().getParent() != null && f.path().getFileSystem() == java.nio.file.FileSystems.getDefault()) {
                out.add(key(f.path().getParent()));
            }
        }
        return out;
    }

    /** Whether a saved file is one of the policy's (a rule, cases or manifest file in one of its folders). */
    boolean isPolicyFile(Path p) {
        Path k = key(p);
        return Watcher.isPolicyFile(k) && !isInput(k) && k.getParent() != null && policyFolders().contains(k.getParent());
    }

    /** Watches the policy's folders and the inputs' folders. */
    void watchAll(Watcher watcher) throws java.io.IOException {
        for (Path d : policyFolders()) {
            watcher.watch(d);
        }
        for (Path p : inputs.keySet()) {
            watcher.watch(p.getParent());
        }
    }

    /**
     * The re-run after a save: the inputs saved are read again, the policy compiled again if one
     * of its files was saved (a broken rule file gives its one-line error and the last verdicts
     * stay), then everything judged and compared with the last run.
     */
    List<String> after(Set<Path> changed, Watcher watcher) {
        boolean rules = changed.stream().anyMatch(this::isPolicyFile);
        changed.stream().filter(this::isInput).forEach(this::read);
        if (rules) {
            String error = recompile();
            if (error != null) {
                return List.of(error);
            }
            try {
                // An edit may extend another policy or include another shared file.
                watchAll(watcher);
            } catch (java.io.IOException e) {
                return List.of("cannot watch: " + e.getMessage());
            }
        }
        return rejudge();
    }

    /** Compiles the policy again; the one-line reason when it does not compile (the last good policy stays). */
    String recompile() {
        try {
            policy = RuleCompiler.withDefaultCache(trustRules).compile(PolicyLoader.load(BundledPolicies.locate(policyDir.toString())));
            return null;
        } catch (PolicyException e) {
            return WatchLoop.firstLine(e.getMessage());
        }
    }

    /** Judges every input that could be read; "source host:port CRITERION" -> status, unreadable inputs as "source (unreadable)". */
    Map<String, String> judge() {
        List<Path> paths = new ArrayList<>(docs.keySet());
        List<FactsDocument> list = paths.stream().map(docs::get).toList();
        List<String> labels = paths.stream().map(p -> inputs.get(p).label()).toList();
        Evaluator evaluator = new Evaluator(policy, CipherRegistry.standard(), at);
        Map<String, String> out = new TreeMap<>();
        List<Evaluator.DocumentResults> judged = evaluator.evaluateMany(list, labels, pool);
        for (int i = 0; i < judged.size(); i++) {
            Evaluator.DocumentResults d = judged.get(i);
            if (d.failure() != null) {
                out.put(labels.get(i) + " (unreadable)", "evaluation failed: " + d.failure());
                continue;
            }
            for (EndpointResult r : d.results()) {
                String ep = r.source() + " " + r.endpoint().host() + ":" + r.endpoint().port();
                for (Verdict v : r.verdicts()) {
                    out.put(ep + " " + v.criterion(), v.status().name());
                }
            }
        }
        unreadable.forEach((p, message) -> out.put(inputs.get(p).label() + " (unreadable)", message));
        return out;
    }

    /** Judges and returns what changed since the last judging. */
    List<String> rejudge() {
        Map<String, String> now = judge();
        List<String> lines = WatchLoop.changes(last, now);
        last = now;
        return lines;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
