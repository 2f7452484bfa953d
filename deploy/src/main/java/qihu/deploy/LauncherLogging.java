package qihu.deploy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends all logging of the launcher JVM (ours, Kafka's, MongoDB server's) to a file, so the terminal only shows
 * the launcher's own messages. Done in code rather than with a logback.xml so that tests using this module keep
 * their own logging configuration.
 */
final class LauncherLogging {

    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

    /** The embedded servers are chatty at INFO; their warnings and errors are what matters locally. */
    private static final List<String> QUIET_LOGGERS =
            List.of("kafka", "org.apache.kafka", "state.change.logger", "de.bwaldvogel", "io.netty", "org.h2");

    private LauncherLogging() {}

    static void logToFile(Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        // Appending (O_APPEND) lets ./qihu redirect the launcher's stdout to the same file safely.
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("file");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        QUIET_LOGGERS.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
    }
}
