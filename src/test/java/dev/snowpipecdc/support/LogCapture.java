package dev.snowpipecdc.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Collects what a class logs at WARN and above (or another level), as "LEVEL message" lines, until closed. */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final LoggerConfig logger;
    private final AbstractAppender appender;

    public LogCapture(Class<?> source) {
        this(source, Level.WARN);
    }

    public LogCapture(Class<?> source, Level level) {
        this(source.getName(), level);
    }

    /** @param source a logger's name: a class's that is not public */
    public LogCapture(String source, Level level) {
        appender = new AbstractAppender("capture-" + source, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLoggerName().equals(source)) {
                    lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
                }
            }
        };
        appender.start();
        logger = context.getConfiguration().getLoggerConfig(source);
        logger.addAppender(appender, level, null);
        context.updateLoggers();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
