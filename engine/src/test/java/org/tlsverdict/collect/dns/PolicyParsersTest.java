package org.tlsverdict.collect.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MTA-STS and TLS-RPT records and the MTA-STS policy file, without servers. */
class PolicyParsersTest {

    @Test
    void stsRecord() {
        assertThat(StsRecord.parse(List.of("v=STSv1; id=20261128T1")).record().id()).isEqualTo("20261128T1");
        assertThat(StsRecord.parse(List.of("v=STSv1;id=abc;")).record().id()).isEqualTo("abc");
        assertThat(StsRecord.parse(List.of("v=STSv1; id=abc; ext=1")).problem()).isNull();
        assertThat(StsRecord.parse(List.of("v=spf1 -all")).present()).isFalse();
        assertThat(StsRecord.parse(List.of()).present()).isFalse();
        assertThat(StsRecord.parse(List.of("v=STSv1; id=a", "v=STSv1; id=b")).problem()).contains("exactly one");
        assertThat(StsRecord.parse(List.of("v=STSv1; id=bad id!")).problem()).contains("malformed");
        assertThat(StsRecord.parse(List.of("v=STSv1; id=" + "a".repeat(33))).problem()).contains("1 to 32");
        assertThat(StsRecord.parse(List.of("v=STSv1")).problem()).contains("no id");
        assertThat(StsRecord.parse(List.of("v=STSv1;; id=x")).problem()).contains("empty field");
        assertThat(StsRecord.parse(List.of("v=STSv1; id=x; id=y")).problem()).contains("twice");
        assertThat(StsRecord.parse(List.of("v=STSv1; id=\u00e9t\u00e9")).problem()).contains("\\u00e9");
    }

    @Test
    void tlsRptRecord() {
        assertThat(TlsRptRecord.parse(List.of("v=TLSRPTv1; rua=mailto:r@example.test,https://rpt.example.test/x?a=b"))
                .record().rua()).containsExactly("mailto:r@example.test", "https://rpt.example.test/x?a=b");
        assertThat(TlsRptRecord.parse(List.of("v=spf1")).present()).isFalse();
        assertThat(TlsRptRecord.parse(List.of("v=TLSRPTv1;")).problem()).contains("no rua");
        assertThat(TlsRptRecord.parse(List.of("v=TLSRPTv1; rua=ftp://x")).problem()).contains("neither a mailto");
        assertThat(TlsRptRecord.parse(List.of("v=TLSRPTv1; rua=mailto:a@b", "v=TLSRPTv1; rua=mailto:c@d")).problem())
                .contains("exactly one");
        assertThat(TlsRptRecord.parse(List.of("v=TLSRPTv1 rua=mailto:a@b")).problem()).contains("malformed");
    }

    @Test
    void policyFile() {
        StsPolicy.Parsed ok = StsPolicy.parse("version: STSv1\r\nmode: enforce\r\nmx: mx1.example.test\r\nmx: *.example.test\r\nmax_age: 604800\r\n");
        assertThat(ok.problem()).isNull();
        assertThat(ok.policy().mode()).isEqualTo("enforce");
        assertThat(ok.policy().maxAge()).isEqualTo(604800L);
        assertThat(ok.policy().mx()).containsExactly("mx1.example.test", "*.example.test");
        assertThat(StsPolicy.parse("version: STSv1\nmode: testing\nmx: a.test\nmax_age: 86400\nfuture: x\n").problem()).isNull();
        assertThat(StsPolicy.parse("version: STSv1\nmode: none\nmax_age: 86400\n").problem()).isNull();
        StsPolicy.Parsed badMode = StsPolicy.parse("version: STSv1\nmode: strict\nmx: a.test\nmax_age: 1\n");
        assertThat(badMode.problem()).contains("mode \"strict\"");
        assertThat(badMode.policy().mode()).isEqualTo("strict");
        assertThat(StsPolicy.parse("version: STSv2\nmode: enforce\nmx: a.test\nmax_age: 1\n").problem()).contains("not STSv1");
        assertThat(StsPolicy.parse("mode: enforce\nmx: a.test\nmax_age: 1\n").problem()).contains("no version");
        assertThat(StsPolicy.parse("version: STSv1\nmode: enforce\nmx: a.test\n").problem()).contains("no max_age");
        assertThat(StsPolicy.parse("version: STSv1\nmode: enforce\nmx: a.test\nmax_age: 31557601\n").problem()).contains("max_age");
        assertThat(StsPolicy.parse("version: STSv1\nmode: enforce\nmax_age: 1\n").problem()).contains("no mx");
        StsPolicy.Parsed garbage = StsPolicy.parse("version: STSv1\nmode: enforce\n<html>\n");
        assertThat(garbage.problem()).contains("line 3");
        assertThat(garbage.policy().mode()).isEqualTo("enforce");
        assertThat(StsPolicy.parse("version: STSv1\nmode: enforce\nmx: bad_host!\nmax_age: 1\n").problem()).contains("mx \"bad_host!\"");
    }

    @Test
    void mxPatterns() {
        assertThat(StsPolicy.matches("mx.example.test", "MX.example.test.")).isTrue();
        assertThat(StsPolicy.matches("*.example.test", "mx.example.test")).isTrue();
        assertThat(StsPolicy.matches("*.example.test", "a.mx.example.test")).isFalse();
        assertThat(StsPolicy.matches("*.example.test", "example.test")).isFalse();
        assertThat(StsPolicy.matches("mx.example.test", "mx2.example.test")).isFalse();
        StsPolicy p = StsPolicy.parse("version: STSv1\nmode: enforce\nmx: *.example.test\nmax_age: 1\n").policy();
        assertThat(p.unmatched(List.of("mx.example.test", "mx.hoster.test"))).containsExactly("mx.hoster.test");
    }

    private static PolicyFetcher.Result http(String response) throws Exception {
        return http(response.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static PolicyFetcher.Result http(byte[] response) throws Exception {
        return PolicyFetcher.read(new ByteArrayInputStream(response), "https://mta-sts.example.test/.well-known/mta-sts.txt");
    }

    @Test
    void httpResponses() throws Exception {
        String policy = "version: STSv1\r\nmode: enforce\r\nmx: mx.example.test\r\nmax_age: 86400\r\n";
        PolicyFetcher.Result ok = http("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + policy.length() + "\r\n\r\n" + policy);
        assertThat(ok.problem()).isNull();
        assertThat(ok.text()).isEqualTo(policy);
        PolicyFetcher.Result chunked = http("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(policy.length()) + "\r\n" + policy + "\r\n0\r\n\r\n");
        assertThat(chunked.text()).isEqualTo(policy);
        assertThat(http("HTTP/1.1 301 Moved\r\nLocation: https://elsewhere.test/p\r\n\r\n").problem())
                .contains("redirect to https://elsewhere.test/p").contains("not followed");
        assertThat(http("HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n").problem()).contains("HTTP 404");
        assertThat(http("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + policy).problem()).contains("\"text/html\", not text/plain");
        assertThat(http("HTTP/1.1 200 OK\r\n\r\n" + policy).problem()).contains("missing");
        assertThat(http("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 70000\r\n\r\n").problem())
                .contains("larger than 65536");
        assertThat(http("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + "x".repeat(70_000)).problem())
                .contains("larger than 65536");
        byte[] latin1 = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nversion: STSv1\nmode: \u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(http(latin1).problem()).isEqualTo("policy is not valid UTF-8");
        assertThat(http("SSH-2.0-OpenSSH\r\n\r\n").problem()).contains("not an HTTP/1.x response");
    }
}
