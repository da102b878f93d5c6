package org.tlsverdict.facts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule fact: one named group the server accepts in one version ({@code groups} of the facts, in
 * the order the server named them). Unlike the group a suite happened to negotiate, the groups of
 * a version are the whole accepted set, so a criterion on groups can pass only on these.
 */
public record GroupFact(TlsVersion version, int position, String group) implements Fact {

    private static final Pattern FFDHE = Pattern.compile("(?i)ffdhe(\\d+)");

    /** An RFC 7919 finite-field group (ffdhe2048 ... ffdhe8192). */
    public boolean isFiniteField() {
        return FFDHE.matcher(group).matches();
    }

    /** The prime size of a finite-field group; null for elliptic-curve and hybrid groups. */
    public Integer getDhBits() {
        Matcher m = FFDHE.matcher(group);
        return m.matches() ? Integer.valueOf(m.group(1)) : null;
    }

    public int getRank() {
        return version.rank();
    }

    @Override
    public String describe() {
        return version.label() + " group " + group;
    }
}
