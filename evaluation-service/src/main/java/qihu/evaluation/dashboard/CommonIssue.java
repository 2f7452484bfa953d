package qihu.evaluation.dashboard;

/**
 * One common issue (共性问题) on the dashboard: a label and how many cases, enterprises and regions share it.
 *
 * @param enterprises null where the source does not know
 * @param regions null where the source does not know
 */
public record CommonIssue(String label, long cases, Long enterprises, Long regions) {}
