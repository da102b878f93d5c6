package org.tlsverdict.policy;

import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * One Drools session per thread and policy, reset between endpoints. Building a session costs more
 * than judging one endpoint, so replay reuses them. Deleting the endpoint's facts is not enough
 * (an earlier attempt leaked logically inserted outcomes into the next endpoint's verdict);
 * {@link StatefulKnowledgeSessionImpl#reset()} is what Drools' own session pool uses and clears
 * the working memory, node memories, agenda and truth maintenance. A session that does not come
 * back empty, or whose evaluation threw, is thrown away instead of reused.
 */
final class ReusedSessions {

    private final KieBase kieBase;
    private final ThreadLocal<KieSession> current = new ThreadLocal<>();

    ReusedSessions(KieBase kieBase) {
        this.kieBase = kieBase;
    }

    /** A session with an empty working memory, owned by the calling thread until {@link #release}. */
    KieSession acquire() {
        KieSession s = current.get();
        if (s == null) {
            return kieBase.newKieSession();
        }
        current.remove();
        return s;
    }

    /** Resets the session for the thread's next endpoint, or disposes of it when it cannot be trusted. */
    void release(KieSession session, boolean clean) {
        if (clean && session instanceof StatefulKnowledgeSessionImpl impl) {
            impl.reset();
            if (impl.getFactCount() == 0) {
                current.set(session);
                return;
            }
        }
        session.dispose();
    }
}
