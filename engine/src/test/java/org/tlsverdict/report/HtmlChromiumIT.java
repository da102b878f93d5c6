package org.tlsverdict.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a browser shows it: Debian's headless Chromium renders the page (a screenshot,
 * a PDF print) and reports the page's visible text ({@code innerText}: no tooltips, nothing hidden),
 * which must hold the legend, the overall column and every verdict's reason. The product page has
 * no scripts; the test reads the visible text by adding one line of script to a copy of it.
 */
@Tag("integration")
class HtmlChromiumIT {

    static final String CHROMIUM = "/usr/bin/chromium";

    @TempDir
    static Path tmp;

    static String html;

    @BeforeAll
    static void render() {
        assumeTrue(Files.isExecutable(Path.of(CHROMIUM)), "chromium is not installed (scripts/install-deps installs it)");
        SarifSchemaTest.Run r = SarifSchemaTest.run("evaluate", "fixtures/seed-forum-nmap/jonaharagon-587.nmap.txt",
                "fixtures/seed-forum-nmap/gmail-587.nmap.txt", "--policy", "rules/privacyguides-proposed", "--format", "html",
                "--at", "2027-01-01T00:00:00Z");
        html = r.out();
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script");
    }

    private static String chromium(Path userData, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=" + userData, "--window-size=1400,1000"));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, "chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectOutput(log.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        assertThat(p.exitValue()).as("chromium exit status").isZero();
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Test
    void reasonsLegendAndOverallAreVisibleText() throws Exception {
        // A copy with one script that writes the rendered, visible text (innerText) into the DOM Chromium dumps.
        String probe = html.replace("</body>", "<script>document.body.setAttribute('data-visible', document.body.innerText)</script></body>");
        Path page = tmp.resolve("probe.html");
        Files.writeString(page, probe, StandardCharsets.UTF_8);
        String dom = chromium(tmp.resolve("profile-dom"), "--dump-dom", page.toUri().toString());
        int at = dom.indexOf("data-visible=\"");
        assertThat(at).as("Chromium ran the probe").isPositive();
        String visible = dom.substring(at, dom.indexOf('"', at + 14));
        assertThat(visible).contains("inconclusive: a fact is missing").contains("fail: a fact breaks it")
                .contains("overall")
                // reasons of a FAIL, a PASS and an INCONCLUSIVE verdict, and what to collect, as text on the page
                .contains("TLSv1.2: the client chooses the suite (no server preference)")
                .contains("all 3 accepted suites have forward secrecy and AEAD")
                .contains("support of SSLv2 was not collected")
                .contains("collect SSLv2 support: never tested by nmap ssl-enum-ciphers");
        assertThat(dom).contains("href=\"https://www.rfc-editor.org/rfc/rfc9325#section-3.1.1\"");
    }

    @Test
    void screenshotAndPrint() throws Exception {
        Path page = tmp.resolve("report.html");
        Files.writeString(page, html, StandardCharsets.UTF_8);
        Path shot = Path.of("engine/target/html-report-chromium.png");
        Files.createDirectories(shot.getParent());
        Files.deleteIfExists(shot);
        chromium(tmp.resolve("profile-shot"), "--screenshot=" + shot.toAbsolutePath(), page.toUri().toString());
        byte[] png = Files.readAllBytes(shot);
        assertThat(png.length).isGreaterThan(10_000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        int width = ((png[16] & 0xff) << 24) | ((png[17] & 0xff) << 16) | ((png[18] & 0xff) << 8) | (png[19] & 0xff);
        assertThat(width).isEqualTo(1400);

        Path pdf = tmp.resolve("report.pdf");
        chromium(tmp.resolve("profile-pdf"), "--no-pdf-header-footer", "--print-to-pdf=" + pdf, page.toUri().toString());
        String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("%PDF");
        assertThat(text.split("/Type\\s*/Page[^s]", -1).length - 1).as("printed pages").isGreaterThanOrEqualTo(2);
    }
}
