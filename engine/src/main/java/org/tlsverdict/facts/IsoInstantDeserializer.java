package org.tlsverdict.facts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Reads the instants of facts files (certificate validity) as Jackson's {@code InstantDeserializer} (JavaTimeModule's)
 * does, quicker for the form every collector writes, {@code 2026-06-01T00:00:00Z}: the JDK's
 * formatter was a quarter of the time spent reading a folder of small facts files. Anything else
 * (other lengths, lower-case letters, fractions, hour 24, leap seconds, numbers, invalid dates,
 * a {@code @JsonFormat}) goes to Jackson's own deserializer, so the values and the error messages
 * stay Jackson's. IsoInstantDeserializerTest holds the two to the same values.
 */
final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> implements ContextualDeserializer {

    private static final long serialVersionUID = 1L;

    private final JsonDeserializer<Instant> jackson;

    /** In front of {@code jackson}, the deserializer JavaTimeModule made for Instant (with the module's settings). */
    IsoInstantDeserializer(JsonDeserializer<Instant> jackson) {
        super(Instant.class);
        this.jackson = jackson;
    }

    /** Puts an IsoInstantDeserializer in front of the Instant deserializer a module (JavaTimeModule) provides. */
    static com.fasterxml.jackson.databind.Module module() {
        return new com.fasterxml.jackson.databind.module.SimpleModule("iso-instants").setDeserializerModifier(
                new com.fasterxml.jackson.databind.deser.BeanDeserializerModifier() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public JsonDeserializer<?> modifyDeserializer(com.fasterxml.jackson.databind.DeserializationConfig config,
                                                                  com.fasterxml.jackson.databind.BeanDescription beanDesc,
                                                                  JsonDeserializer<?> deserializer) {
                        return beanDesc.getBeanClass() == Instant.class && !(deserializer instanceof IsoInstantDeserializer)
                                ? new IsoInstantDeserializer((JsonDeserializer<Instant>) deserializer) : deserializer;
                    }
                });
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) throws com.fasterxml.jackson.databind.JsonMappingException {
        if (!(jackson instanceof ContextualDeserializer c)) {
            return this;
        }
        JsonDeserializer<?> contextual = c.createContextual(ctxt, property);
        // A property with a format of its own is read by Jackson alone.
        return contextual == jackson ? this : contextual;
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.hasToken(JsonToken.VALUE_STRING)) {
            Instant quick = parse(p.getText());
            if (quick != null) {
                return quick;
            }
        }
        return jackson.deserialize(p, ctxt);
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ} with an hour below 24 and a second below 60, as ISO_INSTANT reads it; null for anything else. */
    static Instant parse(String s) {
        if (s.length() != 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number written by {@code n} ASCII digits at {@code from}; -1 if any is not a digit. */
    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
