package qihu.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an Open311 answer in either format into the same shape (lists, maps, text or null), so that one test reads
 * JSON and XML alike; XML is read back by the spec's Spark convention (a list element's children are its entries).
 */
final class Open311Answers {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> LISTS = Set.of("services", "service_requests", "errors", "attributes", "values");

    private Open311Answers() {}

    /**
     * @param root the XML root element expected (the JSON has none)
     */
    static Object read(String format, byte[] body, String root) {
        if ("json".equals(format)) {
            return text(JSON.readValue(body, Object.class));
        }
        String xml = new String(body, StandardCharsets.UTF_8);
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element element = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(body))
                    .getDocumentElement();
            assertThat(element.getTagName()).isEqualTo(root);
            assertThat(element.getNamespaceURI())
                    .as("no namespace, as the spec asks")
                    .isNull();
            return read(element);
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + xml, e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(String format, byte[] body, String root) {
        return (List<Map<String, Object>>) read(format, body, root);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String format, byte[] body, String root) {
        return (Map<String, Object>) read(format, body, root);
    }

    private static Object read(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                children.add(e);
            }
        }
        if (LISTS.contains(element.getTagName())) {
            return children.stream().map(Open311Answers::read).toList();
        }
        if (children.isEmpty()) {
            String text = element.getTextContent();
            return text.isEmpty() ? null : text;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        children.forEach(child -> map.put(child.getTagName(), read(child)));
        return map;
    }

    /** JSON's numbers and booleans as the text XML has for them. */
    private static Object text(Object json) {
        if (json instanceof List<?> list) {
            return list.stream().map(Open311Answers::text).toList();
        }
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> texts = new LinkedHashMap<>();
            map.forEach((key, value) -> texts.put((String) key, text(value)));
            return texts;
        }
        return json == null ? null : String.valueOf(json);
    }
}
