package io.confero.media.srtp;

import java.lang.reflect.Proxy;
import org.jitsi.utils.logging2.Logger;

/**
 * The {@link Logger} jitsi-srtp requires, discarding everything. The pure media packages do not log;
 * failures are reported to the caller as {@link SrtpStatus} values and counted there.
 *
 * <p>Built as a dynamic proxy so this package does not itself depend on {@code java.util.logging}
 * (which appears in the interface's signatures): every {@code is*Enabled} answers false, child
 * loggers are the same instance, everything else does nothing and returns null.
 */
final class QuietLogger {
    private QuietLogger() {
    }

    static Logger create() {
        Logger[] self = new Logger[1];
        self[0] = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    Class<?> type = method.getReturnType();
                    if (type == boolean.class) {
                        return method.getName().equals("equals") && args != null && args[0] == proxy;
                    }
                    if (type == int.class) {
                        return System.identityHashCode(proxy);
                    }
                    if (type == String.class) {
                        return "QuietLogger";
                    }
                    return type == Logger.class ? self[0] : null;
                });
        return self[0];
    }
}
