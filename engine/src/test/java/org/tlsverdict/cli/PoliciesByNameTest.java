package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.ShippedPolicies;

/**
 * Policies named by id: the shipped rules/ travel with the build, so {@code --policy <id>} and
 * {@code extends: <id>} work in a folder outside the repository, with the same verdicts and the
 * same relative labels as a run from the repository.
 */
class PoliciesByNameTest {

    private static final String AT = "2027-01-01T00:00:00Z";

    @TempDir
    Path tmp;

    @Test
    void policiesListsEveryShippedPolicyWithItsCriteriaCount() throws IOException {
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("policies");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("id ").contains("criteria").contains("source");
        for (Path p : ShippedPolicies.all()) {
            assertThat(r.out()).containsPattern("(?m)^" + p.getFileName().toString().replace(".", "\\.") + " .* shipped$");
        }
        assertThat(r.out()).containsPattern("(?m)^privacyguides-proposed .* proposed +17  shipped$")
                .containsPattern("(?m)^mail-dns .* 7  shipped$");
    }

    @Test
    void policiesListsAUsersFolderWithItsPath() throws IOException {
        Path mine = userPolicy();
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("policies", tmp.toString());
        assertThat(r.exit()).isZero();
        // privacyguides-2023 has 13 criteria; the user's policy drops PGP-CAA.
        assertThat(r.out()).containsPattern("(?m)^mine +Mine +draft +12  " + java.util.regex.Pattern.quote(mine.toString()) + "$");
        assertThat(EvaluateCommandTest.run("policies", tmp.resolve("nope").toString()).exit()).isEqualTo(2);
    }

    @Test
    void aNameThatIsNeitherFolderNorShippedSaysWhichExist() {
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("evaluate", "fixtures/seed-forum/gmail-587.json", "--policy", "privacyguides-2099");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("privacyguides-2099: policy folder does not exist, and no shipped policy has that name (shipped: ")
                .contains("privacyguides-proposed").doesNotContain("Exception");
    }

    @Test
    void anExistingFolderWinsOverTheShippedPolicyOfThatName() throws IOException {
        Path local = tmp.resolve("privacyguides-proposed");
        Files.createDirectories(local);
        Files.writeString(local.resolve(PolicyLoader.MANIFEST), "id: local-proposed\nversion: \"1\"\nextends: privacyguides-2023\n");
        ProcessRun r = runOutside(tmp, "rules", "privacyguides-proposed");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("local-proposed 1");
    }

    @Test
    void outsideTheRepositoryANameJudgesLikeTheRepositoryFolder() throws IOException {
        Path input = Path.of("fixtures/seed-forum/gmail-587.json").toAbsolutePath();
        EvaluateCommandTest.Run inRepo = EvaluateCommandTest.run("evaluate", input.toString(),
                "--policy", "rules/privacyguides-proposed", "--format", "json", "--at", AT);
        ProcessRun outside = runOutside(tmp, "evaluate", input.toString(), "--policy", "privacyguides-proposed", "--format", "json", "--at", AT);
        assertThat(outside.err()).isEmpty();
        assertThat(outside.exit()).isEqualTo(inRepo.exit());
        assertThat(outside.out()).isEqualTo(inRepo.out()).contains("\"rules/privacyguides-proposed\"");
    }

    @Test
    void aUsersPolicyExtendsAShippedOneByNameWithRelativeLabels() throws IOException {
        userPolicy();
        Path input = Path.of("fixtures/seed-forum/gmail-587.json").toAbsolutePath();
        ProcessRun r = runOutside(tmp, "evaluate", input.toString(), "--policy", "mine", "--explain", "--at", AT);
        assertThat(r.err()).isEmpty();
        // The input was named by its absolute path and is shown so; nothing else may be absolute,
        // least of all the temporary folder the shipped policies are unpacked into.
        String shown = r.out().replace(input.toString(), "INPUT");
        assertThat(shown).contains("rule file: rules/privacyguides-2023/tls-version.drl")
                .contains("rule file: rules/mail-dns/dane.drl")
                .doesNotContain(tmp.toString()).doesNotContain(System.getProperty("java.io.tmpdir")).doesNotContain("PGP-CAA");
    }

    private Path userPolicy() throws IOException {
        Path mine = tmp.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve(PolicyLoader.MANIFEST),
                "id: mine\ntitle: Mine\nversion: \"1\"\nstatus: draft\nextends: privacyguides-2023\nremoves: [caa.drl]\n");
        return mine;
    }

    record ProcessRun(int exit, String out, String err) {
    }

    /** A separate JVM, because the working directory of this one is the repository root. */
    static ProcessRun runOutside(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            int exit = p.waitFor();
            return new ProcessRun(exit, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
