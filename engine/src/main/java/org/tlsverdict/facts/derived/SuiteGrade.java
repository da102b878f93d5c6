package org.tlsverdict.facts.derived;

import org.tlsverdict.facts.CipherFact;
import org.tlsverdict.facts.Fact;
import org.tlsverdict.facts.TlsVersion;

/**
 * Derived by rules/common: the strength class of one accepted suite. The grade's rank orders
 * suites from insecure (0) to strong (3); UNKNOWN has no rank and makes strength criteria inconclusive.
 */
public record SuiteGrade(CipherFact cipher, Grade grade, String reason) implements Fact {

    public enum Grade {
        INSECURE(0), WEAK(1), ACCEPTABLE(2), STRONG(3), UNKNOWN(-1);

        private final int rank;

        Grade(int rank) {
            this.rank = rank;
        }

        public int rank() {
            return rank;
        }

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public TlsVersion getVersion() {
        return cipher.version();
    }

    public int getPosition() {
        return cipher.position();
    }

    public int getRank() {
        return grade.rank();
    }

    @Override
    public String describe() {
        return cipher.describe() + ": " + grade + " (" + reason + ")";
    }

    @Override
    public Fact basis() {
        return cipher;
    }
}
