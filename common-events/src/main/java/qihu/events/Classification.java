package qihu.events;

/**
 * Triage's verdict on a case.
 *
 * @param board the service board (服务板块) code, e.g. {@code POLICY}; the taxonomy is configuration
 * @param confidence 0..1; below a threshold the case goes to manual triage
 */
public record Classification(String board, Complexity complexity, OwnerLevel level, double confidence) {}
