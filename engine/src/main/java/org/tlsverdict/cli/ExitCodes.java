package org.tlsverdict.cli;

/**
 * Exit codes CI can trust: 0 nothing fails, 1 a verdict fails at the {@code --fail-on} level (or a
 * failed policy test, a changed golden), 2 usage or input error, 3 internal error (a bug: one line,
 * the stack trace with {@code --debug}).
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAIL = 1;
    public static final int ERROR = 2;
    public static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
