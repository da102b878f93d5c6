package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * When a run starts a daemon itself: only for a person at a terminal, never in CI, never when told
 * not to, never for a run the daemon would not serve, and not past a few daemons at once.
 * DaemonLauncherIT starts one for real, at a pseudo-terminal.
 */
class DaemonAutoStartTest {

    private static final String[] EVALUATE = {"evaluate", "scan.json", "--policy", "rules/privacyguides-proposed"};

    @Test
    void aRunAtATerminalStartsOne() {
        assertThat(DaemonAutoStart.wanted(EVALUATE, null, true, null, 0)).isTrue();
        assertThat(DaemonAutoStart.wanted(EVALUATE, "auto", true, "", 2)).isTrue();
        assertThat(DaemonAutoStart.wanted(EVALUATE, "", true, "false", 0)).as("CI=false is not CI").isTrue();
    }

    @Test
    void aScriptOrPipeStartsNone() {
        assertThat(DaemonAutoStart.wanted(EVALUATE, null, false, null, 0)).isFalse();
    }

    @Test
    void ciStartsNone() {
        assertThat(DaemonAutoStart.wanted(EVALUATE, null, true, "true", 0)).isFalse();
        assertThat(DaemonAutoStart.wanted(EVALUATE, null, true, "1", 0)).isFalse();
    }

    @Test
    void manualAndOffStartNone() {
        assertThat(DaemonAutoStart.wanted(EVALUATE, "manual", true, null, 0)).isFalse();
        assertThat(DaemonAutoStart.wanted(EVALUATE, "off", true, null, 0)).isFalse();
    }

    @Test
    void runsTheDaemonWouldNotServeStartNone() {
        assertThat(DaemonAutoStart.wanted(new String[] {"scan", "127.0.0.1:25"}, null, true, null, 0)).isFalse();
        assertThat(DaemonAutoStart.wanted(new String[] {"evaluate", "-", "--policy", "p"}, null, true, null, 0)).isFalse();
        assertThat(DaemonAutoStart.wanted(new String[] {"test", "--watch", "rules/p"}, null, true, null, 0)).isFalse();
        assertThat(DaemonAutoStart.wanted(new String[] {}, null, true, null, 0)).isFalse();
    }

    @Test
    void fewDaemonsAtOnce() {
        assertThat(DaemonAutoStart.wanted(EVALUATE, null, true, null, DaemonAutoStart.MOST_RUNNING - 1)).isTrue();
        assertThat(DaemonAutoStart.wanted(EVALUATE, null, true, null, DaemonAutoStart.MOST_RUNNING)).isFalse();
    }

    @Test
    void runsThatWriteNothingAndJudgeOnePolicyAreRunAgainToWarmUp() {
        assertThat(DaemonAutoStart.warmsUpWith(EVALUATE)).isTrue();
        assertThat(DaemonAutoStart.warmsUpWith(new String[] {"test", "rules/p", "--coverage"})).isTrue();
        assertThat(DaemonAutoStart.warmsUpWith(new String[] {"rules", "rules/p"})).isTrue();
        assertThat(DaemonAutoStart.warmsUpWith(new String[] {"test", "rules/p", "rules/q"})).as("many policies").isFalse();
        assertThat(DaemonAutoStart.warmsUpWith(new String[] {"rules", "rules/p", "--doc"})).as("it writes docs").isFalse();
        assertThat(DaemonAutoStart.warmsUpWith(new String[] {"replay", "scans/"})).as("a folder").isFalse();
        assertThat(DaemonAutoStart.warmsUpWith(new String[] {"replay", "scans/", "--update"})).as("it writes goldens").isFalse();
        assertThat(DaemonAutoStart.warmsUpWith(new String[] {"diff", "--from", "a", "--to", "b"})).isFalse();
    }

    @Test
    void durations() {
        assertThat(DaemonLaunch.duration(DaemonLaunch.DEFAULT_IDLE)).hasMinutes(30);
        assertThat(DaemonLaunch.duration("90s")).hasSeconds(90);
        assertThat(DaemonLaunch.duration("2h")).hasHours(2);
        assertThat(DaemonLaunch.duration("0m")).isNull();
        assertThat(DaemonLaunch.duration("5d")).isNull();
        assertThat(DaemonLaunch.duration("99999999999h")).as("too long to be a number of hours").isNull();
    }
}
