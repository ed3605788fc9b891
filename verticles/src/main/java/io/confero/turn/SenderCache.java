package io.confero.turn;

import io.vertx.core.net.SocketAddress;
import java.net.InetSocketAddress;

/** Converts Vert.x sender addresses to {@link InetSocketAddress}, remembering the last one (no DNS). */
final class SenderCache {
    private String lastHost;
    private int lastPort = -1;
    private InetSocketAddress last;

    InetSocketAddress toInet(SocketAddress sender) {
        String host = sender.hostAddress();
        int port = sender.port();
        if (port != lastPort || !host.equals(lastHost)) {
            last = new InetSocketAddress(IpLiterals.parse(host), port);
            lastHost = host;
            lastPort = port;
        }
        return last;
    }
}
