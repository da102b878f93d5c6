package org.tlsverdict.policy.cases;

import java.util.Set;

/** Lets the rule lint (another package) read the @needs exemption list of PolicyCasesTest. */
public final class PolicyCasesTestAccess {

    public static final Set<String> NEEDS_EXEMPT = PolicyCasesTest.NEEDS_EXEMPT;

    private PolicyCasesTestAccess() {
    }
}
