package qihu.intake.open311;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import qihu.intake.channel.Native;

/**
 * The parameters of an Open311 call: a POST's form (with the query string's, for clients that put {@code api_key}
 * in the URL), or a GET's query. The spec's "optional" means a blank value is the same as none.
 */
record Open311Form(Map<String, List<String>> params) {

    static final String API_KEY = "api_key";

    /** {@code attribute[code]}, or {@code attribute[code][]} for one of several values. */
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\[\\]]*)](\\[])?");

    Open311Form {
        params = Map.copyOf(params);
    }

    /** The parameter's first non-blank value, stripped; null when there is none. */
    String value(String name) {
        return params.getOrDefault(name, List.of()).stream()
                .map(Native::text)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    /**
     * Every {@code attribute[…]} parameter with a non-blank value, by its code; a list code
     * ({@code attribute[code][]}) keeps its brackets so that it can be told apart.
     */
    Map<String, String> attributes() {
        Map<String, String> attributes = new TreeMap<>();
        params.keySet().forEach(name -> {
            Matcher attribute = ATTRIBUTE.matcher(name);
            String value = value(name);
            if (attribute.matches() && value != null) {
                String code = attribute.group(1) + (attribute.group(2) == null ? "" : "[]");
                attributes.put(code, value);
            }
        });
        return attributes;
    }

    /**
     * What was sent, apart from the key it was sent with, in one canonical text: the same form gives the same
     * text however its parameters were ordered or spelled blank.
     */
    String canonical() {
        Map<String, String> sorted = new TreeMap<>();
        params.forEach((name, values) -> {
            if (!API_KEY.equals(name)) {
                String joined = values.stream()
                        .map(Native::text)
                        .filter(Objects::nonNull)
                        .map(Open311Form::encode)
                        .collect(Collectors.joining(","));
                if (!joined.isEmpty()) {
                    sorted.put(encode(name), joined);
                }
            }
        });
        return sorted.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
