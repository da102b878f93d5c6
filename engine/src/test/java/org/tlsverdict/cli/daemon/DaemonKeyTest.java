package org.tlsverdict.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What {@code daemon status} says when a daemon of this folder serves another key: each difference
 * named once, the daemon's value first, an unset variable as unset.
 */
class DaemonKeyTest {

    private final DaemonKey here = DaemonKey.current();

    @Test
    void theSameKeyDiffersInNothing() {
        assertThat(here.differences(new DaemonKey(here.text()))).isEmpty();
        assertThat(here.folder()).isEqualTo(System.getProperty("user.dir"));
    }

    @Test
    void anEnvironmentVariableSetOnOneSideOnly() {
        String unset = here.text().replaceAll("(?m)^\\$CI(=.*)?$", "\\$CI");
        String set = here.text().replaceAll("(?m)^\\$CI(=.*)?$", "\\$CI=true");
        assertThat(new DaemonKey(set).differences(new DaemonKey(unset))).containsExactly("$CI: unset for the daemon, \"true\" here");
        assertThat(new DaemonKey(unset).differences(new DaemonKey(set))).containsExactly("$CI: \"true\" for the daemon, unset here");
    }

    @Test
    void aPropertyAndARebuiltJarTogether() {
        String other = here.text().replaceAll("(?m)^java\\.version=.*$", "java.version=99")
                .replaceAll("(?m)^(class-path .*) \\d+ \\d+$", "$1 1 2");
        assertThat(here.differences(new DaemonKey(other))).hasSize(2)
                .anySatisfy(d -> assertThat(d).isEqualTo("java.version: \"99\" for the daemon, \"" + System.getProperty("java.version") + "\" here"))
                .anySatisfy(d -> assertThat(d).startsWith("class path (files, sizes, times): \"").contains(" 1 2"));
    }

    @Test
    void aSystemPropertyOnlyTheDaemonHas() {
        DaemonKey daemon = new DaemonKey(here.text().replaceFirst("(?m)^\\$", "tlsverdict.debug=true\n\\$"));
        assertThat(here.differences(daemon)).containsExactly("tlsverdict.debug: \"true\" for the daemon, unset here");
    }
}
