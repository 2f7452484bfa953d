package qihu.intake.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import qihu.intake.enterprise.Csv;

/**
 * Region names as channels write them ("义乌市", "金华市义乌市", "浙江省金华市义乌") → GB/T 2260 codes, and the
 * 12-digit statistical division codes some platforms send ({@code 330782000000}) → the canonical 6 or 9 digits.
 * Read from a CSV with columns {@code code,name,aliases} (aliases separated by {@code |}).
 */
public final class Regions {

    private static final Pattern CANONICAL_CODE = Pattern.compile("\\d{6}(\\d{3})?");
    /** 统计用区划代码: 6 digits of county, 3 of township, 3 of village; zeros where the level is not meant. */
    private static final Pattern STATISTICAL_CODE = Pattern.compile("(\\d{6})(\\d{3})(\\d{3})");

    private static final String UNUSED_LEVEL = "000";

    private final Map<String, String> codeByName;

    private Regions(Map<String, String> codeByName) {
        this.codeByName = Map.copyOf(codeByName);
    }

    public static Regions load(Resource csv) {
        try (InputStream in = csv.getInputStream()) {
            Map<String, String> names = new HashMap<>();
            for (Csv.Row row : Csv.read(in)) {
                String code = row.get("code");
                String name = row.get("name");
                if (code == null
                        || name == null
                        || !CANONICAL_CODE.matcher(code).matches()) {
                    throw new IllegalArgumentException(
                            csv + " line " + row.line() + ": needs a 6 or 9 digit code and a name");
                }
                names.put(name, code);
                String aliases = row.get("aliases");
                if (aliases != null) {
                    for (String alias : aliases.split("\\|")) {
                        if (!alias.isBlank()) {
                            names.put(alias.strip(), code);
                        }
                    }
                }
            }
            return new Regions(names);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the region names " + csv, e);
        }
    }

    /**
     * The canonical code for a code or a name. A name is matched by its most specific known ending, so
     * "金华市义乌市" is 义乌市's code and "金华市" the city's.
     */
    public Optional<String> codeOf(String codeOrName) {
        String value = codeOrName.strip();
        if (CANONICAL_CODE.matcher(value).matches()) {
            return Optional.of(value);
        }
        var statistical = STATISTICAL_CODE.matcher(value);
        if (statistical.matches()) {
            if (!UNUSED_LEVEL.equals(statistical.group(3))) {
                return Optional.empty(); // a village: below the levels cases are owned at
            }
            return Optional.of(
                    UNUSED_LEVEL.equals(statistical.group(2))
                            ? statistical.group(1)
                            : statistical.group(1) + statistical.group(2));
        }
        String best = null;
        for (String name : codeByName.keySet()) {
            if (value.endsWith(name) && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        return Optional.ofNullable(best).map(codeByName::get);
    }
}
