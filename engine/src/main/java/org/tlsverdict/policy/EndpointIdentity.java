package org.tlsverdict.policy;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the rules of a policy can tell which endpoint they judge (its host or IP), or only what
 * kind of endpoint it is (port, service, transport). Every endpoint of a real input names another
 * host; in a session kept between endpoints ({@link IncrementalSession}) a changed Endpoint fact
 * withdraws and re-derives everything concluded from it (the TLS mode of the port, and every
 * criterion that reads the mode), which cost a diff of privacyguides-proposed a third of its time.
 * When no rule can see the host, the session gets the Endpoint without it, and endpoints of one
 * kind look alike to the rules, as they are.
 *
 * <p>Read from the rule text, conservatively: a rule file sees the identity unless every Endpoint
 * pattern in it is unbound, outside {@code from}/{@code collect}/{@code accumulate}, and
 * constrains only port, service and transport (binding those is fine); a file that mentions
 * Endpoint any other way (a function parameter, a query), matches {@code Object()} or reaches
 * into the session from a consequence counts as seeing it.
 */
final class EndpointIdentity {

    private EndpointIdentity() {
    }

    /** Stands in for the host in the Endpoint fact of policies that cannot see it. */
    static final String HIDDEN_HOST = "endpoint";

    private static final Set<String> ALLOWED = Set.of("port", "service", "transport", "in", "not", "null", "true", "false");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+[\\w.*]+\\s*;");
    private static final Pattern ENDPOINT = Pattern.compile("(?<![\\w$])(?:org\\.tlsverdict\\.facts\\.)?Endpoint(?![\\w$])");
    private static final Pattern SESSION_ACCESS = Pattern.compile(
            "(?<![\\w$.])(?:Object|Record)\\s*\\(|\\b(?:getObjects|getFactHandles?|getKieRuntime|getWorkingMemory|getEntryPoint|getKieSession|kcontext)\\b");
    /**
     * What may come right before a pattern that nothing binds or collects: the end of another
     * pattern or statement, or a keyword of the rule's conditions.
     */
    private static final Pattern PLAIN_PATTERN_PREFIX = Pattern.compile("(?:(?<![\\w$])(?:when|not|exists|and|or)|[;)}]|&&|\\|\\|)$");
    private static final Pattern ALLOWED_BINDING = Pattern.compile("\\$[\\w$]*\\s*:\\s*(?:port|service|transport)\\b");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])[a-z_][\\w]*");

    static boolean visible(Policy policy) {
        for (RuleFile f : policy.ruleFiles()) {
            if (visibleIn(f.text())) {
                return true;
            }
        }
        return false;
    }

    static boolean visibleIn(String drl) {
        String code = IMPORT.matcher(RuleFile.code(drl)).replaceAll("");
        if (SESSION_ACCESS.matcher(code).find()) {
            return true;
        }
        Matcher m = ENDPOINT.matcher(code);
        while (m.find()) {
            int open = skipSpace(code, m.end());
            if (open >= code.length() || code.charAt(open) != '(') {
                return true;
            }
            if (!PLAIN_PATTERN_PREFIX.matcher(code.substring(Math.max(0, m.start() - 40), m.start()).stripTrailing()).find()) {
                return true;
            }
            int close = matchingParen(code, open);
            if (close < 0 || constraintsSeeIdentity(code.substring(open + 1, close))) {
                return true;
            }
        }
        return false;
    }

    private static boolean constraintsSeeIdentity(String constraints) {
        String rest = ALLOWED_BINDING.matcher(constraints).replaceAll(" ");
        if (rest.contains(":")) {
            return true;
        }
        // Qualified names (Service.SMTP) and bound variables ($p) are not fields of the Endpoint;
        // any other lower-case name could be one (host, ip, label(), this).
        Matcher id = IDENTIFIER.matcher(rest);
        while (id.find()) {
            if (!ALLOWED.contains(id.group())) {
                return true;
            }
        }
        return false;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int matchingParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
