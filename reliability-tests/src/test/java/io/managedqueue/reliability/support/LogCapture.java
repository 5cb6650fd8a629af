package io.managedqueue.reliability.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects the platform's log messages in this JVM that contain a text, while open; {@code quiet}
 * also keeps the platform's messages off the console meanwhile (a soak would print thousands).
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger = Logger.getLogger("io.managedqueue");
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Handler handler;

    private final boolean quiet;

    public LogCapture(String text) {
        this(text, false);
    }

    public LogCapture(String text, boolean quiet) {
        this.quiet = quiet;
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().contains(text)) {
                    messages.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        if (quiet) {
            logger.setUseParentHandlers(false);
        }
    }

    public List<String> messages() {
        return messages;
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        if (quiet) {
            logger.setUseParentHandlers(true);
        }
    }
}
