package io.confero.media.srtp;

import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import org.jitsi.utils.logging2.Logger;

/**
 * The {@link Logger} jitsi-srtp requires, discarding everything. The pure media packages do not log;
 * failures are reported to the caller as {@link SrtpStatus} values and counted there.
 */
final class QuietLogger implements Logger {
    static final QuietLogger INSTANCE = new QuietLogger();

    private QuietLogger() {
    }

    @Override public Logger createChildLogger(String name, Map<String, String> context) { return this; }
    @Override public Logger createChildLogger(String name) { return this; }
    @Override public void setUseParentHandlers(boolean useParentHandlers) { }
    @Override public void addHandler(Handler handler) { }
    @Override public void removeHandler(Handler handler) { }
    @Override public boolean isTraceEnabled() { return false; }
    @Override public void trace(Object msg) { }
    @Override public void trace(Supplier<String> msg) { }
    @Override public boolean isDebugEnabled() { return false; }
    @Override public void debug(Object msg) { }
    @Override public void debug(Supplier<String> msg) { }
    @Override public boolean isInfoEnabled() { return false; }
    @Override public void info(Object msg) { }
    @Override public void info(Supplier<String> msg) { }
    @Override public boolean isWarnEnabled() { return false; }
    @Override public void warn(Object msg) { }
    @Override public void warn(Supplier<String> msg) { }
    @Override public void warn(Object msg, Throwable t) { }
    @Override public void error(Object msg) { }
    @Override public void error(Supplier<String> msg) { }
    @Override public void error(Object msg, Throwable t) { }
    @Override public void setLevelError() { }
    @Override public void setLevelWarn() { }
    @Override public void setLevelInfo() { }
    @Override public void setLevelDebug() { }
    @Override public void setLevelTrace() { }
    @Override public void setLevelAll() { }
    @Override public void setLevelOff() { }
    @Override public void setLevel(Level level) { }
    @Override public Level getLevel() { return Level.OFF; }
    @Override public void addContext(Map<String, String> context) { }
    @Override public void addContext(String key, String value) { }
}
