package qihu.support.web;

/** One thing wrong with a request: which field (a JSON path such as {@code enterprise.uscc}) and why. */
public record FieldViolation(String field, String message) {}
