package io.confero.turn;

import io.confero.media.stun.StunAttributeType;
import io.confero.media.stun.StunClass;
import io.confero.media.stun.StunCrypto;
import io.confero.media.stun.StunMessage;
import io.confero.media.stun.StunMessageBuilder;
import io.confero.media.stun.StunParseException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** In-memory clock, relay sockets and clients for driving {@link TurnServer} without I/O. */
final class TurnFakes {
    private TurnFakes() {
    }

    static InetSocketAddress addr(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static final class FakeClock implements LongSupplier {
        long now = 1_800_000_000_000L;

        @Override
        public long getAsLong() {
            return now;
        }

        void advanceSeconds(long s) {
            now += s * 1000;
        }
    }

    record Sent(InetSocketAddress peer, byte[] data) {
    }

    static final class FakeRelay implements RelaySocket {
        final int port;
        PeerHandler handler;
        final List<Sent> sent = new ArrayList<>();
        boolean closed;

        FakeRelay(int port) {
            this.port = port;
        }

        @Override
        public InetSocketAddress localAddress() {
            return addr("127.0.0.1", port);
        }

        @Override
        public void handler(PeerHandler h) {
            this.handler = h;
        }

        @Override
        public void send(InetSocketAddress peer, byte[] buf, int off, int len) {
            byte[] copy = new byte[len];
            System.arraycopy(buf, off, copy, 0, len);
            sent.add(new Sent(peer, copy));
        }

        @Override
        public void close() {
            closed = true;
        }

        void fromPeer(InetSocketAddress peer, byte[] data) {
            handler.onPeerPacket(peer, data, 0, data.length);
        }
    }

    static final class FakeRelays implements RelaySocket.Factory {
        final List<FakeRelay> opened = new ArrayList<>();
        int nextPort = 50000;
        boolean fail;

        @Override
        public void open(boolean evenPort, Consumer<RelaySocket> onOpen, Consumer<Throwable> onFailure) {
            if (fail) {
                onFailure.accept(new IllegalStateException("no ports"));
                return;
            }
            FakeRelay r = new FakeRelay(nextPort);
            nextPort += 2;
            opened.add(r);
            onOpen.accept(r);
        }

        @Override
        public void openEvenPair(BiConsumer<RelaySocket, RelaySocket> onOpen, Consumer<Throwable> onFailure) {
            FakeRelay even = new FakeRelay(nextPort);
            FakeRelay odd = new FakeRelay(nextPort + 1);
            nextPort += 2;
            opened.add(even);
            opened.add(odd);
            onOpen.accept(even, odd);
        }

        FakeRelay last() {
            return opened.get(opened.size() - 1);
        }
    }

    /** A client with REST credentials that records what the server sends back. */
    static final class FakeClient implements ClientChannel {
        final Transport transport;
        final InetSocketAddress remote;
        final List<byte[]> received = new ArrayList<>();
        final TurnServer server;
        String username;
        String password;
        String realm = "confero";
        String nonce;
        private int txCounter;

        FakeClient(TurnServer server, Transport transport, InetSocketAddress remote) {
            this.server = server;
            this.transport = transport;
            this.remote = remote;
        }

        FakeClient credentials(TurnCredentials c) {
            this.username = c.username();
            this.password = c.password();
            return this;
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
            byte[] copy = new byte[len];
            System.arraycopy(buf, off, copy, 0, len);
            received.add(copy);
        }

        byte[] hmacKey() {
            return StunCrypto.longTermKey(username, realm, password);
        }

        byte[] nextTxId() {
            byte[] t = new byte[12];
            t[11] = (byte) ++txCounter;
            t[10] = (byte) (txCounter >> 8);
            t[0] = 0x5A;
            return t;
        }

        /** Sends a request signed with the current nonce (fetching one first if needed); returns the response. */
        StunMessage request(int method, Consumer<StunMessageBuilder> attributes) {
            if (nonce == null) {
                StunMessage challenge = raw(method, StunClass.REQUEST, nextTxId(), attributes, false);
                try {
                    nonce = challenge.nonce();
                } catch (StunParseException e) {
                    throw new AssertionError(e);
                }
            }
            return raw(method, StunClass.REQUEST, nextTxId(), attributes, true);
        }

        StunMessage raw(int method, StunClass cls, byte[] txId, Consumer<StunMessageBuilder> attributes, boolean sign) {
            StunMessageBuilder b = new StunMessageBuilder(method, cls, txId);
            attributes.accept(b);
            if (sign) {
                b.addString(StunAttributeType.USERNAME, username).addString(StunAttributeType.REALM, realm)
                        .addString(StunAttributeType.NONCE, nonce).addMessageIntegrity(hmacKey());
            }
            byte[] bytes = b.build();
            int before = received.size();
            server.onClientMessage(this, bytes, 0, bytes.length);
            return received.size() > before ? lastStun() : null;
        }

        StunMessage lastStun() {
            byte[] last = received.get(received.size() - 1);
            try {
                return StunMessage.parse(last, 0, last.length);
            } catch (StunParseException e) {
                throw new AssertionError(e);
            }
        }

        void sendRaw(byte[] bytes) {
            server.onClientMessage(this, bytes, 0, bytes.length);
        }
    }
}
