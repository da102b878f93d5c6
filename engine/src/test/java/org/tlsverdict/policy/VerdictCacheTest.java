package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.Fact;
import org.tlsverdict.facts.Provenance;

/**
 * The verdicts a kept session reuses ({@link VerdictCache}) must equal the verdicts built afresh
 * ({@link Evaluator#decide}) from the same outcomes and provenance, whatever came before.
 */
class VerdictCacheTest {

    private static final Criterion C = new Criterion("X", "t", "MUST", "s", "e", null, null, null, "x", "x.drl", "t.x");

    /** A fact that counts how often its text is asked for (building evidence asks; reusing it does not). */
    private static final class Counted implements Fact {
        final String text;
        int described;

        Counted(String text) {
            this.text = text;
        }

        @Override
        public String describe() {
            described++;
            return text;
        }
    }

    @Test
    void evidenceReadFromAnotherFileIsRenamedNotRebuilt() {
        Counted a = new Counted("TLSv1.0 offered");
        Counted b = new Counted("TLSv1.1 offered");
        Counted c = new Counted("derived thing");
        Outcome o = new Outcome("t.x", "x: old", Status.FAIL, "old versions", List.of(a, b, c));
        VerdictCache cache = new VerdictCache();
        for (String file : List.of("host-1.json", "host-2.json", "host-3.json")) {
            Map<Fact, Provenance> where = Map.of(
                    a, new Provenance("facts", file, "protocols.TLSv1.0"),
                    b, new Provenance("facts", file, "protocols.TLSv1.1"),
                    c, new Provenance("derived", null, "derived thing"));
            Function<Fact, Provenance> provenanceOf = where::get;
            Verdict reused = cache.decide(C, List.of(o), provenanceOf);
            assertThat(reused).isEqualTo(Evaluator.decide(C, List.of(o), provenanceOf));
            assertThat(reused.evidence()).extracting(Evidence::source).contains(file);
        }
        // Built once (and once more above for each comparison), renamed for the second and third file.
        assertThat(a.described).isEqualTo(1 + 3);
    }

    /**
     * Random outcomes and provenance in a random order: collectors, raw ids and sources that agree
     * or not, null provenance and null sources, several files in one verdict, equal evidence
     * entries told apart only by their source: every verdict equals a fresh one.
     */
    @Test
    void randomSequencesGiveWhatFreshVerdictsGive() {
        Random random = new Random(7);
        List<Counted> facts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            facts.add(new Counted(i % 3 == 0 ? "same text" : "fact " + i));
        }
        String[] files = {"a.json", "b.json", "c \"q\".json", null};
        String[] collectors = {"facts", "testssl", null};
        String[] raws = {"r1", "r2", null};
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            List<Fact> evidence = new ArrayList<>();
            for (int k = random.nextInt(4); k > 0; k--) {
                evidence.add(facts.get(random.nextInt(facts.size())));
            }
            Status s = Status.values()[random.nextInt(Status.values().length)];
            outcomes.add(new Outcome("t.x", "x: " + i, s, "m" + random.nextInt(3), evidence));
        }
        VerdictCache cache = new VerdictCache();
        int renamed = 0;
        int[] kinds = new int[facts.size()];
        List<Outcome> now = new ArrayList<>(outcomes);
        for (int round = 0; round < 3000; round++) {
            // Mostly the outcomes of the endpoint before (as a kept session's truth maintenance leaves them).
            if (random.nextInt(4) == 0) {
                now = new ArrayList<>();
                for (Outcome o : outcomes) {
                    if (random.nextInt(3) > 0) {
                        now.add(o);
                    }
                }
            }
            java.util.Collections.shuffle(now, random);
            String file = files[random.nextInt(files.length)];
            boolean mixed = random.nextInt(5) == 0;
            if (random.nextInt(5) == 0) {
                for (int i = 0; i < kinds.length; i++) {
                    kinds[i] = random.nextInt(10);
                }
            }
            Map<Fact, Provenance> where = new HashMap<>();
            for (int i = 0; i < facts.size(); i++) {
                Counted f = facts.get(i);
                int kind = kinds[i];
                String source = mixed ? files[random.nextInt(files.length)] : file;
                where.put(f, kind == 0 ? null : new Provenance(kind < 8 ? "facts" : collectors[kind - 8], source,
                        kind < 8 ? "raw " + f.text : raws[random.nextInt(3)]));
            }
            Function<Fact, Provenance> provenanceOf = where::get;
            int before = facts.stream().mapToInt(f -> f.described).sum();
            Verdict v = cache.decide(C, now, provenanceOf);
            renamed += facts.stream().mapToInt(f -> f.described).sum() == before && !v.evidence().isEmpty() ? 1 : 0;
            assertThat(v).as("round " + round).isEqualTo(Evaluator.decide(C, now, provenanceOf));
        }
        assertThat(renamed).isGreaterThan(100);
    }
}
