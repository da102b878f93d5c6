package org.tlsverdict.facts;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads and writes facts files in JSON or YAML (the format follows the content, not the name). */
public final class FactsCodec {

    private static final ObjectMapper JSON = configure(JsonMapper.builder(new JsonFactoryBuilder()
            .characterEscapes(new SurrogateEscapes()).build()).build());
    private static final ObjectMapper YAML = configure(new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build()));

    private FactsCodec() {
    }

    private static ObjectMapper configure(ObjectMapper m) {
        m.registerModule(new JavaTimeModule());
        m.registerModule(IsoInstantDeserializer.module());
        m.enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
        m.enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING);
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.enable(SerializationFeature.INDENT_OUTPUT);
        m.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        return m;
    }

    public static ObjectMapper json() {
        return JSON;
    }

    public static ObjectMapper yaml() {
        return YAML;
    }

    /** Reads a facts file; {@code label} is how the file is named in messages and provenance. */
    public static FactsDocument read(Path file, String label) throws FactsFormatException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FactsFormatException(label + ": cannot read: " + e.getMessage(), e);
        }
        return parse(bytes, label);
    }

    public static FactsDocument read(InputStream in, String label) throws FactsFormatException {
        try {
            return parse(in.readAllBytes(), label);
        } catch (IOException e) {
            throw new FactsFormatException(label + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static FactsDocument parse(byte[] bytes, String label) throws FactsFormatException {
        if (bytes.length == 0) {
            throw new FactsFormatException(label + ": empty file");
        }
        ObjectMapper mapper = looksLikeJson(bytes) ? JSON : YAML;
        FactsDocument doc;
        try {
            doc = mapper.readValue(bytes, FactsDocument.class);
        } catch (JsonProcessingException e) {
            throw new FactsFormatException(label + ": " + describe(e), e);
        } catch (IOException e) {
            throw new FactsFormatException(label + ": cannot read: " + e.getMessage(), e);
        }
        if (doc == null) {
            throw new FactsFormatException(label + ": empty document");
        }
        if (!FactsDocument.SCHEMA.equals(doc.schema())) {
            throw new FactsFormatException(label + ": schema is '" + doc.schema() + "', expected '" + FactsDocument.SCHEMA + "'");
        }
        String source = label;
        return new FactsDocument(doc.schema(), doc.endpoints().stream()
                .map(e -> e.source() == null ? e.withSource(new Provenance("facts", source, null))
                        : e.withSource(e.source().withSourceIfAbsent(source)))
                .collect(Collectors.toList()),
                doc.domains() == null ? null : doc.domains().stream()
                        .map(d -> d.source() == null ? d.withSource(new Provenance("facts", source, null))
                                : d.withSource(d.source().withSourceIfAbsent(source)))
                        .collect(Collectors.toList()));
    }

    static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '{' || b == '[') {
                return true;
            }
            if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return false;
            }
        }
        return false;
    }

    /** One line: where in the file and what was wrong, without Jackson's multi-line context. */
    public static String describeError(JsonProcessingException e) {
        return describe(e);
    }

    static String describe(JsonProcessingException e) {
        String where = "";
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            where = "line " + e.getLocation().getLineNr() + ": ";
        }
        String path = "";
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            path = jme.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[") + ": ";
        }
        String msg;
        if (e instanceof UnrecognizedPropertyException upe) {
            msg = "unknown key '" + upe.getPropertyName() + "'";
        } else if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException ife && ife.getTargetType() != null) {
            msg = "expected " + expectedKind(ife.getTargetType(), ife.getOriginalMessage()) + ", got \"" + ife.getValue() + "\"";
        } else if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mie && mie.getTargetType() != null) {
            msg = "expected " + expectedKind(mie.getTargetType(), mie.getOriginalMessage());
        } else {
            msg = e.getOriginalMessage();
            Throwable root = e.getCause();
            while (root != null && root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof IllegalArgumentException && root.getMessage() != null) {
                msg = root.getMessage();
            }
        }
        msg = msg == null ? e.getClass().getSimpleName() : msg.replaceAll("\\s+", " ").trim();
        if (msg.length() > 240) {
            msg = msg.substring(0, 240) + "...";
        }
        return where + path + msg;
    }

    /** What a field holds, in the words of the facts format rather than of Java types. */
    static String expectedKind(Class<?> type, String jacksonMessage) {
        if (type.isEnum()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[([^\\]]*)\\]\\s*$").matcher(jacksonMessage == null ? "" : jacksonMessage.trim());
            return m.find() ? "one of " + m.group(1) : "one of the documented values";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping (key: value)";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date and time (2027-01-01T00:00:00Z)";
        }
        return "a value of another kind";
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
