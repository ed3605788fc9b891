package io.confero.turn;

import io.confero.media.stun.StunMessage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.net.InetSocketAddress;

/**
 * A client on a TCP or TLS connection (RFC 8656 §3.2, §12.5): the byte stream is cut into STUN
 * messages (20-byte header + length) and ChannelData messages (4-byte header + length padded to
 * 4). Anything else is a framing error: counted, and the connection is closed.
 */
final class StreamClientConnection implements ClientChannel {
    private static final int MAX_FRAME = StunMessage.HEADER_LENGTH + 0xFFFF + 3;

    private final NetSocket socket;
    private final Transport transport;
    private final InetSocketAddress remote;
    private final TurnServer server;
    private final TurnMetrics metrics;
    private byte[] pending = new byte[4096];
    private int pendingLen;

    StreamClientConnection(NetSocket socket, Transport transport, TurnServer server, TurnMetrics metrics) {
        this.socket = socket;
        this.transport = transport;
        this.remote = new InetSocketAddress(IpLiterals.parse(socket.remoteAddress().hostAddress()),
                socket.remoteAddress().port());
        this.server = server;
        this.metrics = metrics;
        socket.handler(this::onData);
        socket.closeHandler(v -> server.onClientClosed(this));
        socket.exceptionHandler(e -> socket.close());
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        socket.write(Buffer.buffer(len).appendBytes(buf, off, len));
    }

    private void onData(Buffer data) {
        int n = data.length();
        if (pendingLen + n > pending.length) {
            byte[] grown = new byte[Math.max(pending.length * 2, pendingLen + n)];
            System.arraycopy(pending, 0, grown, 0, pendingLen);
            pending = grown;
        }
        data.getBytes(pending, pendingLen);
        pendingLen += n;
        int consumed = 0;
        while (true) {
            int frame = frameLength(pending, consumed, pendingLen - consumed);
            if (frame < 0) {
                metrics.dropped(TurnMetrics.Drop.TCP_FRAMING);
                pendingLen = 0;
                socket.close();
                return;
            }
            if (frame == 0 || frame > pendingLen - consumed) {
                break;
            }
            server.onClientMessage(this, pending, consumed, frame);
            consumed += frame;
        }
        System.arraycopy(pending, consumed, pending, 0, pendingLen - consumed);
        pendingLen -= consumed;
    }

    /** Length of the frame at {@code off}: 0 = need more bytes, -1 = not STUN or ChannelData. */
    static int frameLength(byte[] b, int off, int available) {
        if (available < 4) {
            return 0;
        }
        int first = b[off] & 0xFF;
        int len = ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
        if (first >= 0x40 && first <= 0x4F) {
            return 4 + ((len + 3) & ~3);
        }
        if (first > 3 || (len & 3) != 0) {
            return -1;
        }
        int total = StunMessage.HEADER_LENGTH + len;
        return total > MAX_FRAME ? -1 : total;
    }
}
