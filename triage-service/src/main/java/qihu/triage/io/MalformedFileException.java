package qihu.triage.io;

/** A CSV or TSV file that cannot be read as a table; names the file and the line, for people fixing their data. */
public class MalformedFileException extends RuntimeException {

    private final int line;

    public MalformedFileException(String file, int line, String problem) {
        super(file + (line > 0 ? ", line " + line : "") + ": " + problem);
        this.line = line;
    }

    /** 1-based line where the problem is, 0 if it concerns the whole file. */
    public int line() {
        return line;
    }
}
