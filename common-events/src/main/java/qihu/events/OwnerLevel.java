package qihu.events;

/** The tier that owns a case: 市 city, 县 county (or district), 乡 township (or street). */
public enum OwnerLevel {
    CITY,
    COUNTY,
    TOWNSHIP
}
