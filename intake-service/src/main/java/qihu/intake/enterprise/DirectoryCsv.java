package qihu.intake.enterprise;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import qihu.intake.request.Uscc;

/**
 * Reads an enterprise directory CSV ({@code uscc,name,region_code,industry}). A bad row is reported and left out, so
 * that one typo in a large export does not keep the rest from loading; a code listed twice keeps its last row.
 */
public final class DirectoryCsv {

    private static final Pattern REGION_CODE = Pattern.compile("\\d{6}(\\d{3})?");

    /** @param rejected one line per row left out: its line number and why */
    public record Parsed(List<DirectoryEntry> entries, List<String> rejected) {}

    private DirectoryCsv() {}

    public static Parsed parse(InputStream csv) {
        Map<String, DirectoryEntry> byCode = new LinkedHashMap<>();
        List<String> rejected = new ArrayList<>();
        for (Csv.Row row : Csv.read(csv)) {
            String uscc = row.get("uscc");
            String name = row.get("name");
            String region = row.get("region_code");
            if (uscc == null || !Uscc.isValid(uscc)) {
                rejected.add("line " + row.line() + ": uscc '" + uscc + "' is not a valid 统一社会信用代码");
            } else if (name == null) {
                rejected.add("line " + row.line() + ": no name");
            } else if (region != null && !REGION_CODE.matcher(region).matches()) {
                rejected.add("line " + row.line() + ": region_code '" + region + "' is not a GB/T 2260 code");
            } else {
                byCode.put(
                        uscc,
                        new DirectoryEntry(uscc, name, EnterpriseNames.normalise(name), region, row.get("industry")));
            }
        }
        return new Parsed(List.copyOf(byCode.values()), List.copyOf(rejected));
    }
}
