package org.tlsverdict.policy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.runtime.KieSession;
import org.tlsverdict.facts.EvaluationTime;
import org.tlsverdict.facts.FactsCodec;

/**
 * Puts the second core to work while the first one parses the command line and reads the policy:
 * a one-endpoint run spends most of its time loading, linking and initialising classes (the YAML
 * reader of policy.yaml, the JDK's digests, Drools' deserialisation and session), one after another
 * on one thread. Touching them here first, on a thread of their own, lets that happen beside the
 * command line's parsing instead of after it. Nothing here is read by the run: whatever it does or fails to do,
 * the verdicts are the same (a failure is ignored, and it prints nothing).
 */
public final class EngineWarmUp {

    private EngineWarmUp() {
    }

    /** Starts the warm-up on a daemon thread (it never holds the JVM open) and returns at once. */
    public static void start() {
        Thread t = new Thread(EngineWarmUp::run, "tlsverdict-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run() {
        try {
            // In the order the run needs them: policy.yaml is read first, right after the command line.
            FactsCodec.yaml().readValue("id: warm-up\nversion: \"0\"\n", PolicyManifest.class);
            MessageDigest.getInstance("SHA-256").digest(new byte[1]);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            mac.doFinal(new byte[1]);
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new DroolsObjectOutputStream(buf)) {
                out.writeObject(new ArrayList<>());
            }
            try (ObjectInputStream in = new DroolsObjectInputStream(new ByteArrayInputStream(buf.toByteArray()), EngineWarmUp.class.getClassLoader())) {
                in.readObject();
            }
            InternalKnowledgeBase kbase = KnowledgeBaseFactory.newKnowledgeBase(RuleCompiler.baseConfiguration());
            KieSession session = kbase.newKieSession();
            try {
                session.insert(new EvaluationTime(java.time.Instant.EPOCH));
                session.fireAllRules();
            } finally {
                session.dispose();
            }
        } catch (Exception | LinkageError e) {
            // Only time is at stake: the run itself loads whatever did not load here.
        }
    }
}
