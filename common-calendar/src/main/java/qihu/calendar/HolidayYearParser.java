package qihu.calendar;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a holiday-cn year file: {@code {"year": 2026, "papers": [...], "days": [{"name": "春节", "date":
 * "2026-02-15", "isOffDay": true}, ...]}}. Every problem is reported as a {@link HolidayDataException} naming the
 * file and the offending field.
 */
public final class HolidayYearParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern YEAR_FILE = Pattern.compile("\\d{4}\\.json");

    private HolidayYearParser() {}

    /** Reads the file at {@code file}. */
    public static HolidayYear read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read holiday file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads every holiday-cn {@code NNNN.json} file in {@code directory}, ascending by year; other files are ignored.
     * Each file's {@code year} must match its name.
     */
    public static List<HolidayYear> readDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new HolidayDataException("holiday directory " + directory + " does not exist or is not a directory");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(
                            f -> YEAR_FILE.matcher(f.getFileName().toString()).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list holiday directory " + directory + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new HolidayDataException("holiday directory " + directory + " has no NNNN.json year files");
        }
        List<HolidayYear> years = new ArrayList<>(files.size());
        for (Path file : files) {
            HolidayYear year = read(file);
            int named = Integer.parseInt(file.getFileName().toString().substring(0, 4));
            if (year.year() != named) {
                throw new HolidayDataException(
                        "holiday file " + file + ": \"year\" is " + year.year() + " but the file name says " + named);
            }
            years.add(year);
        }
        return years;
    }

    /**
     * Parses holiday-cn JSON.
     *
     * @param source names the data in error messages, e.g. the file path
     */
    public static HolidayYear parse(InputStream in, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JacksonException e) {
            throw new HolidayDataException(
                    "holiday file " + source + ": not valid JSON" + where(e.getLocation()) + ": "
                            + e.getOriginalMessage(),
                    e);
        }
        return fromTree(root, source);
    }

    /** Parses holiday-cn JSON given as a string. */
    public static HolidayYear parse(String json, String source) {
        return parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), source);
    }

    private static HolidayYear fromTree(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw bad(source, "top level must be a JSON object with \"year\" and \"days\"");
        }
        JsonNode yearNode = root.get("year");
        if (yearNode == null || !yearNode.isInt() || yearNode.intValue() < 1000 || yearNode.intValue() > 9999) {
            throw bad(source, "\"year\" must be a four-digit number, got " + describe(yearNode));
        }
        int year = yearNode.intValue();
        JsonNode daysNode = root.get("days");
        if (daysNode == null || !daysNode.isArray()) {
            throw bad(source, "\"days\" must be an array, got " + describe(daysNode));
        }
        List<HolidayDay> days = new ArrayList<>(daysNode.size());
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < daysNode.size(); i++) {
            HolidayDay day = day(daysNode.get(i), "days[" + i + "]", source);
            if (Math.abs(day.date().getYear() - year) > 1) {
                throw bad(source, "days[" + i + "].date " + day.date() + " is not in or next to year " + year);
            }
            if (!seen.add(day.date())) {
                throw bad(source, "days[" + i + "].date " + day.date() + " is listed twice");
            }
            days.add(day);
        }
        return new HolidayYear(year, days);
    }

    private static HolidayDay day(JsonNode node, String path, String source) {
        if (!node.isObject()) {
            throw bad(source, path + " must be an object, got " + describe(node));
        }
        JsonNode dateNode = node.get("date");
        if (dateNode == null || !dateNode.isString()) {
            throw bad(source, path + ".date must be a \"YYYY-MM-DD\" string, got " + describe(dateNode));
        }
        LocalDate date;
        try {
            date = LocalDate.parse(dateNode.stringValue());
        } catch (DateTimeParseException e) {
            throw bad(source, path + ".date is not a valid YYYY-MM-DD date: " + describe(dateNode));
        }
        JsonNode offNode = node.get("isOffDay");
        if (offNode == null || !offNode.isBoolean()) {
            throw bad(source, path + ".isOffDay must be true or false, got " + describe(offNode));
        }
        JsonNode nameNode = node.get("name");
        if (nameNode != null && !nameNode.isString()) {
            throw bad(source, path + ".name must be a string, got " + describe(nameNode));
        }
        return new HolidayDay(date, nameNode == null ? "" : nameNode.stringValue(), offNode.booleanValue());
    }

    private static HolidayDataException bad(String source, String what) {
        return new HolidayDataException("holiday file " + source + ": " + what);
    }

    private static String describe(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing (missing)" : node.toString();
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
