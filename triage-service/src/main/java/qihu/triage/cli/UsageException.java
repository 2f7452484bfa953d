package qihu.triage.cli;

/** The command line was wrong; the message says how. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
