package org.tlsverdict.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.policy.BundledPolicies;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Criterion;
import org.tlsverdict.policy.Futures;
import org.tlsverdict.policy.PairEvaluator;
import org.tlsverdict.policy.PolicyException;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.RuleFile;
import org.tlsverdict.policy.Timing;
import org.tlsverdict.policy.cases.CaseResult;
import org.tlsverdict.policy.cases.CaseRunner;
import org.tlsverdict.report.ResultJsonCheck;

/**
 * {@code tlsverdict test --watch}: after each save, the cases the save can change are judged again
 * in fresh sessions and what changed is printed; then, in the background, the full run of
 * {@code tlsverdict test} (kept and paired sessions, the policy compiled from source) checks every
 * case on every path, and prints what it finds beyond that under "checked on every path". A save
 * of cases files alone judges again only the criteria those files are for (the rules are the same);
 * a save of a rule file compiles the policy again and judges the criteria that can see what it
 * changed ({@link PairEvaluator#sharedCriteria}); a saved manifest, all of them. The next save
 * cancels a full run still going, so the watch never falls behind; the policies it had not checked
 * yet are checked by the next one.
 */
final class TestWatch implements WatchLoop.Rerun {

    private static final String CASES = ".cases.yaml";

    private final Map<Path, CompiledPolicy> compiled;
    private final Map<Path, CaseRunner.Run> runs;
    private final Map<Path, Map<String, String>> outcomes = new HashMap<>();
    private final boolean trustRules;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tlsverdict-test-watch-full-run");
        t.setDaemon(true);
        return t;
    });
    /** The quick re-runs of the policies one save touches, two at a time on two cores or more. */
    private final ExecutorService quick = Executors.newFixedThreadPool(Math.min(2, Runtime.getRuntime().availableProcessors()), r -> {
        Thread t = new Thread(r, "tlsverdict-test-watch-rejudge");
        t.setDaemon(true);
        return t;
    });
    private final FullRun fullRunOf;
    private Watcher watcher;
    private Future<?> fullRun;
    /** The policies judged again since their last full run, and the names of the last save's files, for the full run that follows. */
    private final Set<Path> unchecked = new TreeSet<>();
    private String saved = "";
    private long generation;

    /** The full run of {@code tlsverdict test} on one policy; tests give one that finds what the quick one cannot. */
    interface FullRun {
        CaseRunner.Run of(CompiledPolicy policy);
    }

    /** {@code compiled} and {@code runs}: the policies of the first run by folder as given, and their full runs. */
    TestWatch(Map<Path, CompiledPolicy> compiled, Map<Path, CaseRunner.Run> runs, boolean trustRules, PrintWriter out, PrintWriter err) {
        this(compiled, runs, trustRules, out, err, policy -> CaseRunner.run(policy, CipherRegistry.standard(), new ResultJsonCheck()));
    }

    TestWatch(Map<Path, CompiledPolicy> compiled, Map<Path, CaseRunner.Run> runs, boolean trustRules, PrintWriter out, PrintWriter err,
              FullRun fullRunOf) {
        this.fullRunOf = fullRunOf;
        this.compiled = new LinkedHashMap<>(compiled);
        this.runs = new HashMap<>(runs);
        this.trustRules = trustRules;
        this.out = out;
        this.err = err;
        this.compiled.forEach((dir, policy) -> outcomes.put(dir, outcomes(policy, this.runs.get(dir))));
    }

    int run() {
        Predicate<Path> ours = p -> Watcher.isPolicyFile(p) && compiled.values().stream().anyMatch(c -> folders(c).contains(p.getParent()));
        try (Watcher w = new Watcher(ours)) {
            watcher = w;
            for (CompiledPolicy c : compiled.values()) {
                for (Path d : folders(c)) {
                    w.watch(d);
                }
            }
            return WatchLoop.run(w, this, out, err);
        } catch (IOException e) {
            err.println("tlsverdict: cannot watch: " + e.getMessage());
            return ExitCodes.ERROR;
        } finally {
            background.shutdownNow();
            quick.shutdownNow();
        }
    }

    @Override
    public List<String> after(Set<Path> changed) {
        // Not while holding the lock: the full run takes it to record what it found.
        cancelFullRun();
        synchronized (this) {
            return rejudge(changed);
        }
    }

    /** One policy judged again after a save: the policy now and its run, or the one line saying why it could not be compiled. */
    private record Rejudged(CompiledPolicy policy, CaseRunner.Run run, String error) {
    }

    private List<String> rejudge(Set<Path> changed) {
        Timing.mark("watch: saved");
        generation++;
        Set<String> casesSaved = new TreeSet<>();
        changed.stream().map(p -> p.getFileName().toString()).filter(n -> n.endsWith(CASES)).forEach(casesSaved::add);
        Map<Path, Future<Rejudged>> work = new LinkedHashMap<>();
        for (Map.Entry<Path, CompiledPolicy> e : compiled.entrySet()) {
            Set<Path> mine = folders(e.getValue());
            List<Path> ofMine = changed.stream().filter(p -> mine.contains(p.getParent())).toList();
            if (!ofMine.isEmpty()) {
                // A save in a folder several policies share (rules/common) re-judges each of them: on both cores.
                CaseRunner.Run previous = runs.get(e.getKey());
                work.put(e.getKey(), quick.submit(() -> rejudge(e.getKey(), e.getValue(), previous, ofMine, casesSaved)));
            }
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Path, Future<Rejudged>> w : work.entrySet()) {
            Path dir = w.getKey();
            Rejudged r = Futures.await(w.getValue());
            if (r.error() != null) {
                // A broken file that several policies include says so once.
                if (!lines.contains(r.error())) {
                    lines.add(r.error());
                }
                continue;
            }
            compiled.put(dir, r.policy());
            runs.put(dir, r.run());
            Map<String, String> now = outcomes(r.policy(), r.run());
            lines.addAll(WatchLoop.changes(outcomes.get(dir), now));
            outcomes.put(dir, now);
            unchecked.add(dir);
            try {
                // A save may add a folder (a newly included one). No watcher: a test drives the re-runs.
                for (Path d : watcher == null ? Set.<Path>of() : folders(r.policy())) {
                    watcher.watch(d);
                }
            } catch (IOException ex) {
                lines.add("cannot watch: " + ex.getMessage());
            }
        }
        Timing.mark("watch: cases judged again");
        saved = WatchLoop.saved(changed);
        return lines;
    }

    /** Judges again the cases of one policy that the saved files {@code ofMine} (its own) can change; {@code previous}: its last run. */
    private Rejudged rejudge(Path dir, CompiledPolicy before, CaseRunner.Run previous, List<Path> ofMine, Set<String> casesSaved) {
        CompiledPolicy policy = before;
        // The packages of the criteria whose rules cannot judge otherwise after the save: all of them
        // when only cases files were saved; for a rule file, those that see nothing it changed (diff
        // judges them once for the same reason); none when the manifest (which may rename the policy) was.
        Set<String> unchanged = null;
        if (!ofMine.stream().allMatch(p -> p.getFileName().toString().endsWith(CASES))) {
            try {
                policy = RuleCompiler.withDefaultCache(trustRules).compile(PolicyLoader.load(BundledPolicies.locate(dir.toString())));
            } catch (PolicyException ex) {
                return new Rejudged(null, null, WatchLoop.firstLine(ex.getMessage()));
            }
            unchanged = ofMine.stream().anyMatch(p -> p.getFileName().toString().equals(PolicyLoader.MANIFEST))
                    ? Set.of() : PairEvaluator.sharedCriteria(before, policy);
        }
        Predicate<Criterion> casesOfSaved = casesNamed(policy, casesSaved);
        Set<String> same = unchanged;
        Predicate<Criterion> judge = same == null ? casesOfSaved : c -> !same.contains(c.packageName()) || casesOfSaved.test(c);
        return new Rejudged(policy, CaseRunner.rerun(policy, CipherRegistry.standard(), judge, previous, new ResultJsonCheck()), null);
    }

    /** Starts the full run of the policies judged again since their last full run. */
    @Override
    public synchronized void printed() {
        if (unchecked.isEmpty()) {
            return;
        }
        long mine = generation;
        Map<Path, CompiledPolicy> policies = new LinkedHashMap<>();
        unchecked.forEach(dir -> policies.put(dir, compiled.get(dir)));
        String head = saved + ": checked on every path";
        fullRun = background.submit(() -> {
            boolean found = false;
            for (Map.Entry<Path, CompiledPolicy> e : policies.entrySet()) {
                CaseRunner.Run run;
                try {
                    run = fullRunOf.of(e.getValue());
                } catch (CancellationException ex) {
                    return;
                } catch (RuntimeException ex) {
                    WatchLoop.print(out, head + ":", List.of("error: " + WatchLoop.firstLine(String.valueOf(ex.getMessage()))));
                    return;
                }
                found |= checked(mine, head, e.getKey(), e.getValue(), run);
            }
            if (!found) {
                // Nothing beyond what was printed: said on stderr, so stdout keeps to what changed.
                synchronized (err) {
                    err.println(head + " (kept and paired sessions, compiled from source): no further change");
                    err.flush();
                }
            }
        });
    }

    /** Records the full run of one policy and prints what it found beyond the quick re-runs; whether it found anything. */
    private synchronized boolean checked(long ofGeneration, String head, Path dir, CompiledPolicy policy, CaseRunner.Run run) {
        if (ofGeneration != generation) {
            return false;
        }
        Map<String, String> now = outcomes(policy, run);
        List<String> lines = WatchLoop.changes(outcomes.get(dir), now);
        outcomes.put(dir, now);
        runs.put(dir, run);
        unchecked.remove(dir);
        if (!lines.isEmpty()) {
            WatchLoop.print(out, head + ":", lines);
        }
        return !lines.isEmpty();
    }

    /** Cancels the full run of the previous save, if still going, and waits until it has stopped. */
    private void cancelFullRun() {
        if (fullRun == null) {
            return;
        }
        fullRun.cancel(true);
        try {
            background.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        fullRun = null;
    }

    /** The criteria whose cases file (beside the criterion or in a policy that overrides it) is named one of {@code names}. */
    private static Predicate<Criterion> casesNamed(CompiledPolicy policy, Set<String> names) {
        Map<String, String> casesName = new HashMap<>();
        for (RuleFile f : policy.policy().ruleFiles()) {
            if (f.path() != null) {
                casesName.put(f.label(), CaseRunner.casesFileOf(f.path()).getFileName().toString());
            }
        }
        return c -> names.contains(casesName.get(c.file()));
    }

    /** "policy: cases file: case" -> "passed" or "FAILED: why"; missing cases and lint problems as failures of their own. */
    static Map<String, String> outcomes(CompiledPolicy policy, CaseRunner.Run run) {
        Map<String, String> out = new TreeMap<>();
        String id = policy.policy().id();
        for (CaseResult r : run.results()) {
            out.merge(id + ": " + r.file() + ": " + r.name(), r.passed() ? "passed" : "FAILED (" + r.describeFailure() + ")", (a, b) -> b);
        }
        run.missingCases().forEach(m -> out.put(id + ": " + m, "FAILED (missing: every criterion needs a cases file)"));
        run.lint().forEach(l -> out.put(id + ": lint: " + l, "FAILED"));
        return out;
    }

    /** The folders whose files make a policy: its own, the policies it extends, the shared files it includes. */
    private static Set<Path> folders(CompiledPolicy policy) {
        Set<Path> out = new TreeSet<>();
        if (policy.policy().dir() != null) {
            out.add(WatchedVerdicts.key(policy.policy().dir()));
        }
        policy.policy().ruleFiles().stream().filter(f -> f.path() != null && f.path().getParent() != null
                        && f.path().getFileSystem() == FileSystems.getDefault())
                .forEach(f -> out.add(WatchedVerdicts.key(f.path().getParent())));
        return out;
    }
}
