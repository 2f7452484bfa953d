package qihu.calendar;

/** Holiday data that cannot be used: a malformed holiday file, or years that contradict or leave a gap. */
public final class HolidayDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HolidayDataException(String message) {
        super(message);
    }

    public HolidayDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
