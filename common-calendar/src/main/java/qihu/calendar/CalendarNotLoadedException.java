package qihu.calendar;

/**
 * A date falls in a year for which no holiday file (节假日安排) has been loaded, so whether it is a working day is
 * unknown. Thrown instead of guessing "weekends only": the State Council moves working days every year.
 */
public final class CalendarNotLoadedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int year;

    public CalendarNotLoadedException(int year, String coveredYears) {
        super("No working-day calendar loaded for year " + year + ": load the holiday file " + year
                + ".json (holiday-cn format) for that year; loaded years: " + coveredYears);
        this.year = year;
    }

    /** The year that is not loaded. */
    public int year() {
        return year;
    }
}
