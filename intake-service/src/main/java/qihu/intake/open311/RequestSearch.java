package qihu.intake.open311;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import qihu.support.web.FieldViolation;
import qihu.support.web.InvalidInputException;

/**
 * The filters of {@code GET requests}, as GeoReport v2 defines them: {@code service_request_id} (a comma list that
 * overrides every other filter), {@code service_code} and {@code status} (comma lists), and {@code start_date} /
 * {@code end_date} on the requested time, spanning at most the search window (90 days), by default the latest.
 *
 * @param ids the requests asked for by id; empty when searching by the other filters
 * @param serviceCodes empty for every service
 * @param statuses empty for both
 */
record RequestSearch(
        List<String> ids, Set<String> serviceCodes, Instant start, Instant end, Set<Open311Status> statuses) {

    /** The request's status in Open311's two words. */
    enum Open311Status {
        OPEN,
        CLOSED;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Reads the filters; every bad one is reported at once, by its parameter name.
     *
     * @param window the longest span, and the one searched without dates
     * @param maxIds how many ids one call may ask for
     */
    static RequestSearch of(Open311Form query, ServiceCatalogue catalogue, Duration window, int maxIds, Instant now) {
        List<FieldViolation> violations = new ArrayList<>();
        List<String> ids = list(query.value("service_request_id"));
        if (ids.size() > maxIds) {
            violations.add(new FieldViolation("service_request_id", "at most " + maxIds + " ids at once"));
        }
        Set<String> codes = new LinkedHashSet<>(list(query.value("service_code")));
        codes.stream()
                .filter(code -> catalogue.find(code).isEmpty())
                .forEach(code -> violations.add(new FieldViolation(
                        "service_code", "'" + code + "' is not a service code (see services.json)")));
        Set<Open311Status> statuses = new LinkedHashSet<>();
        for (String status : list(query.value("status"))) {
            Arrays.stream(Open311Status.values())
                    .filter(known -> known.wire().equals(status))
                    .findFirst()
                    .ifPresentOrElse(
                            statuses::add,
                            () -> violations.add(new FieldViolation(
                                    "status", "'" + status + "' is not a status; use open or closed")));
        }
        Instant start = time(query, "start_date", violations);
        Instant end = time(query, "end_date", violations);
        if (start == null && end == null) {
            end = now;
        }
        if (start == null && end != null) {
            start = end.minus(window);
        } else if (end == null && start != null) {
            end = start.plus(window);
        }
        if (start != null && end != null && violations.isEmpty()) {
            if (start.isAfter(end)) {
                violations.add(new FieldViolation("start_date", "is after end_date"));
            } else if (Duration.between(start, end).compareTo(window) > 0) {
                violations.add(
                        new FieldViolation("end_date", "may be at most " + window.toDays() + " days after start_date"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        if (!ids.isEmpty()) {
            // Asked for by id, the requests are answered whatever their service and status.
            codes.clear();
            statuses.clear();
        }
        return new RequestSearch(List.copyOf(ids), Set.copyOf(codes), start, end, Set.copyOf(statuses));
    }

    boolean byId() {
        return !ids.isEmpty();
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null
                ? List.of()
                : Arrays.stream(commaSeparated.split(","))
                        .map(String::strip)
                        .filter(item -> !item.isEmpty())
                        .distinct()
                        .toList();
    }

    /** A W3C date-time with its offset ({@code 2026-11-20T00:00:00+08:00} or {@code …Z}), as the spec requires. */
    private static Instant time(Open311Form query, String field, List<FieldViolation> violations) {
        String value = query.value(field);
        if (value == null) {
            return null;
        }
        try {
            // An unencoded "+08:00" in a query string arrives as " 08:00"; an ISO time has no blank to confuse.
            return OffsetDateTime.parse(value.replace(' ', '+'), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeException e) {
            violations.add(new FieldViolation(
                    field, "is not a W3C date-time with an offset, e.g. 2026-11-20T00:00:00+08:00: '" + value + "'"));
            return null;
        }
    }
}
