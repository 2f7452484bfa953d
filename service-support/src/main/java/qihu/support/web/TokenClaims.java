package qihu.support.web;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads the people's scope out of an access token's claims wherever the provider puts it: a dotted name reaches into
 * an object claim (Keycloak's {@code realm_access.roles}). Malformed claims read as absent, never as an error.
 */
public final class TokenClaims {

    private TokenClaims() {}

    /** The claim at {@code path}, or null. */
    public static Object at(Map<String, Object> claims, String path) {
        Object value = claims;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> object)) {
                return null;
            }
            value = object.get(part);
        }
        return value;
    }

    /** A list claim, or one string of words separated by spaces or commas; empty for anything else. */
    public static List<String> words(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (value instanceof String text && !text.isBlank()) {
            return List.of(text.strip().split("[\\s,]+"));
        }
        return List.of();
    }

    /** A non-blank string claim, stripped; null for anything else. */
    public static String text(Object value) {
        return value instanceof String text && !text.isBlank() ? text.strip() : null;
    }
}
