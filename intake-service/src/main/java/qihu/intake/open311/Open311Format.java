package qihu.intake.open311;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two formats of GeoReport v2, chosen by the path's suffix ({@code services.json}, {@code requests/…xml}). An
 * answer is built once as maps and lists and written either way by the spec's "Spark convention": a JSON array is
 * the XML root's repeated children ({@code [ {...} ]} ↔ {@code <services><service>…</service></services>}).
 */
enum Open311Format {
    JSON(new MediaType("application", "json", StandardCharsets.UTF_8)) {
        @Override
        byte[] write(String root, Object body) {
            return JSON_WRITER.writeValueAsBytes(body);
        }
    },
    XML(new MediaType("text", "xml", StandardCharsets.UTF_8)) {
        @Override
        byte[] write(String root, Object body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                XMLStreamWriter xml = XML_OUTPUT.createXMLStreamWriter(out, "UTF-8");
                xml.writeStartDocument("UTF-8", "1.0");
                element(xml, root, body);
                xml.writeEndDocument();
                xml.close();
            } catch (XMLStreamException e) {
                throw new IllegalStateException("cannot write Open311 XML", e);
            }
            return out.toByteArray();
        }
    };

    private static final JsonMapper JSON_WRITER = JsonMapper.builder().build();
    private static final XMLOutputFactory XML_OUTPUT = XMLOutputFactory.newFactory();

    /** The element name of one entry of each list the spec defines. */
    private static final Map<String, String> ENTRY = Map.of(
            "services",
            "service",
            "service_requests",
            "request",
            "errors",
            "error",
            "attributes",
            "attribute",
            "values",
            "value");

    /** Characters XML 1.0 cannot carry, even escaped; free text from a form may hold them. */
    private static final Pattern NOT_XML = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]");

    private final MediaType mediaType;

    Open311Format(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    MediaType mediaType() {
        return mediaType;
    }

    static Optional<Open311Format> of(String suffix) {
        for (Open311Format format : values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(suffix)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /**
     * @param root the XML root element ({@code services}, {@code service_definition}, {@code service_requests},
     *     {@code errors})
     * @param body a list of maps (entries of the root) or a map (the root's children); values are text, numbers,
     *     booleans, null, or further lists and maps
     */
    abstract byte[] write(String root, Object body);

    private static void element(XMLStreamWriter xml, String name, Object value) throws XMLStreamException {
        if (value == null) {
            xml.writeEmptyElement(name);
            return;
        }
        xml.writeStartElement(name);
        if (value instanceof List<?> entries) {
            String entry = ENTRY.get(name);
            if (entry == null) {
                throw new IllegalArgumentException("no entry element defined for the list " + name);
            }
            for (Object item : entries) {
                element(xml, entry, item);
            }
        } else if (value instanceof Map<?, ?> children) {
            for (Map.Entry<?, ?> child : children.entrySet()) {
                element(xml, (String) child.getKey(), child.getValue());
            }
        } else {
            xml.writeCharacters(NOT_XML.matcher(text(value)).replaceAll(""));
        }
        xml.writeEndElement();
    }

    private static String text(Object value) {
        return value instanceof BigDecimal number ? number.toPlainString() : String.valueOf(value);
    }
}
