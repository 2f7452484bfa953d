package qihu.evaluation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import qihu.support.web.FieldViolation;

/** Dates in queries and request bodies ({@code 2026-11-01}), with a violation naming the field when one is wrong. */
public final class DateParameters {

    private DateParameters() {}

    /** The date, or null with a violation added when it is missing or not a date. */
    public static LocalDate date(String field, String value, List<FieldViolation> violations) {
        if (value == null) {
            violations.add(new FieldViolation(field, "is required: a date such as 2026-11-01"));
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(field, "is not a date such as 2026-11-01"));
            return null;
        }
    }
}
