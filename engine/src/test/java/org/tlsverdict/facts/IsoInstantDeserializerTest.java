package org.tlsverdict.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The quick reading of instants gives what Jackson's own does, value and failure alike. */
class IsoInstantDeserializerTest {

    private static final ObjectMapper JACKSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private record Holder(Instant at) {
    }

    private static String outcome(ObjectMapper m, String json) {
        try {
            return String.valueOf(m.readValue("{\"at\":" + json + "}", Holder.class).at());
        } catch (Exception e) {
            return "failed: " + e.getClass().getSimpleName() + " " + e.getMessage().lines().findFirst().orElse("");
        }
    }

    @Test
    void factsFilesReadInstantsThroughTheQuickPath() throws Exception {
        ObjectMapper m = FactsCodec.json();
        DeserializationContext ctxt = ((DefaultDeserializationContext) m.getDeserializationContext())
                .createInstance(m.getDeserializationConfig(), m.createParser("{}"), null);
        JsonDeserializer<Object> certificate = ctxt.findRootValueDeserializer(m.constructType(Certificate.class));
        assertThat(((BeanDeserializerBase) certificate).findProperty("notAfter").getValueDeserializer())
                .isInstanceOf(IsoInstantDeserializer.class);
        assertThat(((BeanDeserializerBase) certificate).findProperty("notBefore").getValueDeserializer())
                .isInstanceOf(IsoInstantDeserializer.class);
    }

    @Test
    void everyFormGivesWhatJacksonGives() {
        List<String> texts = new ArrayList<>(List.of("2026-06-01T00:00:00Z", "1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z", "2024-02-29T12:34:56Z", "2023-02-29T12:34:56Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
                "2026-04-31T00:00:00Z", "2026-06-00T00:00:00Z", "2026-06-01T24:00:00Z", "2026-06-30T23:59:60Z", "2026-06-01T23:60:00Z",
                "2026-06-01t00:00:00z", "2026-06-01T00:00:00.5Z", "2026-06-01T00:00Z", "2026-06-01T00:00:00+02:00", "+12026-06-01T00:00:00Z",
                "2026-06-01 00:00:00Z", "20x6-06-01T00:00:00Z", "2026-06-01T0a:00:00Z", "２０２６-06-01T00:00:00Z", "", " ",
                "-001-06-01T00:00:00Z", "2026-6-01T00:00:00Z"));
        Random rnd = new Random(18);
        for (int i = 0; i < 20_000; i++) {
            String t = String.format("%04d-%02d-%02dT%02d:%02d:%02dZ", rnd.nextInt(10_000), rnd.nextInt(14), rnd.nextInt(33),
                    rnd.nextInt(26), rnd.nextInt(62), rnd.nextInt(62));
            texts.add(t);
            if (i % 10 == 0) {
                char[] c = t.toCharArray();
                c[rnd.nextInt(c.length)] = (char) (' ' + rnd.nextInt(95));
                texts.add(new String(c));
            }
        }
        int quick = 0;
        for (String t : texts) {
            String json = "\"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            assertThat(outcome(FactsCodec.json(), json)).as(t).isEqualTo(outcome(JACKSON, json));
            Instant q = IsoInstantDeserializer.parse(t);
            if (q != null) {
                quick++;
                assertThat(q).as(t).isEqualTo(DateTimeFormatter.ISO_INSTANT.parse(t, Instant::from));
            }
        }
        assertThat(quick).isGreaterThan(5_000);
        for (String json : List.of("0", "1700000000", "1700000000.5", "null", "true", "[]", "{}")) {
            assertThat(outcome(FactsCodec.json(), json)).as(json).isEqualTo(outcome(JACKSON, json));
        }
        assertThatThrownBy(() -> DateTimeFormatter.ISO_INSTANT.parse("2026-13-01T00:00:00Z")).isNotNull();
    }
}
