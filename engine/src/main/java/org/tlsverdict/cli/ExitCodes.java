package org.tlsverdict.cli;

/** Exit codes CI can trust: 0 no FAIL, 1 some FAIL (or a failed policy test), 2 usage or input error. */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAIL = 1;
    public static final int ERROR = 2;

    private ExitCodes() {
    }
}
