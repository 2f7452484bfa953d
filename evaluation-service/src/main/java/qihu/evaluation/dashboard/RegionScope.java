package qihu.evaluation.dashboard;

/**
 * A region and everything below it on the GB/T 2260 tree (a province's code ends in 0000, a city's in 00; a township
 * has nine digits and starts with its county's six). {@link #EVERYWHERE} has no region: an administrator's view.
 *
 * @param code the region's code, or null for everywhere
 */
public record RegionScope(String code) {

    public static final RegionScope EVERYWHERE = new RegionScope(null);

    /** Whether a case of {@code regionCode} lies in this region or below it. */
    public boolean contains(String regionCode) {
        if (code == null) {
            return true;
        }
        return regionCode != null && regionCode.startsWith(prefix());
    }

    /** The digits every code below this region starts with: 33 for 330000, 3307 for 330700, 330782 for 330782. */
    String prefix() {
        if (code.length() != 6) {
            return code;
        }
        if (code.endsWith("0000")) {
            return code.substring(0, 2);
        }
        return code.endsWith("00") ? code.substring(0, 4) : code;
    }

    /** The region a code lies directly in: a township's county, a county's city, a city's province; null at the top. */
    static String parentOf(String code) {
        if (code == null) {
            return null;
        }
        if (code.length() > 6) {
            return code.substring(0, 6);
        }
        if (code.length() == 6 && !code.endsWith("00")) {
            return code.substring(0, 4) + "00";
        }
        if (code.length() == 6 && !code.endsWith("0000")) {
            return code.substring(0, 2) + "0000";
        }
        return null;
    }
}
