package io.confero.turn;

import io.confero.media.stun.StunAttributeType;
import io.confero.media.stun.StunClass;
import io.confero.media.stun.StunCrypto;
import io.confero.media.stun.StunMessage;
import io.confero.media.stun.StunMessageBuilder;
import io.confero.media.stun.StunMethod;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.function.Consumer;

/**
 * Test harness: a minimal TURN client run in its own JVM inside a network namespace by
 * {@link PrivatePeerRefusalNamespaceTest}. Args: serverIp port secret peerIp. Allocates, asks
 * for a permission to {@code peerIp}, then sends one Send indication to it, and prints
 * {@code ALLOCATE <code>}, {@code CREATE_PERMISSION <code>} and {@code CHANNEL_BIND <code>}
 * (200 for success).
 */
public final class TurnProbeMain {
    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final TurnCredentials creds;
    private final SecureRandom random = new SecureRandom();
    private String nonce;

    private TurnProbeMain(InetSocketAddress server, TurnCredentials creds) throws Exception {
        this.socket = new DatagramSocket();
        this.socket.setSoTimeout(5000);
        this.server = server;
        this.creds = creds;
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
        TurnCredentials creds = TurnCredentials.mint(args[2], "probe", System.currentTimeMillis() / 1000, 600);
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName(args[3]), 3480);
        TurnProbeMain probe = new TurnProbeMain(server, creds);
        System.out.println("ALLOCATE " + probe.code(probe.request(StunMethod.ALLOCATE,
                b -> b.addFirstByteOf4(StunAttributeType.REQUESTED_TRANSPORT, 17))));
        System.out.println("CREATE_PERMISSION " + probe.code(probe.request(StunMethod.CREATE_PERMISSION,
                b -> b.addXorAddress(StunAttributeType.XOR_PEER_ADDRESS, peer))));
        System.out.println("CHANNEL_BIND " + probe.code(probe.request(StunMethod.CHANNEL_BIND,
                b -> b.addXorAddress(StunAttributeType.XOR_PEER_ADDRESS, peer).addChannelNumber(0x4000))));
        byte[] send = new StunMessageBuilder(StunMethod.SEND, StunClass.INDICATION, probe.txId())
                .addXorAddress(StunAttributeType.XOR_PEER_ADDRESS, peer).add(StunAttributeType.DATA, new byte[] {1})
                .build();
        probe.socket.send(new DatagramPacket(send, send.length, server));
        System.out.println("DONE");
    }

    private StunMessage request(int method, Consumer<StunMessageBuilder> attrs) throws Exception {
        StunMessage r = exchange(method, attrs);
        if (r.messageClass() == StunClass.ERROR_RESPONSE && (code(r) == 401 || code(r) == 438) && r.nonce() != null) {
            nonce = r.nonce();
            r = exchange(method, attrs);
        }
        return r;
    }

    private StunMessage exchange(int method, Consumer<StunMessageBuilder> attrs) throws Exception {
        StunMessageBuilder b = new StunMessageBuilder(method, StunClass.REQUEST, txId());
        attrs.accept(b);
        if (nonce != null) {
            b.addString(StunAttributeType.USERNAME, creds.username()).addString(StunAttributeType.REALM, "confero")
                    .addString(StunAttributeType.NONCE, nonce)
                    .addMessageIntegrity(StunCrypto.longTermKey(creds.username(), "confero", creds.password()));
        }
        byte[] out = b.build();
        socket.send(new DatagramPacket(out, out.length, server));
        byte[] in = new byte[2048];
        DatagramPacket p = new DatagramPacket(in, in.length);
        socket.receive(p);
        return StunMessage.parse(in, 0, p.getLength());
    }

    private int code(StunMessage m) throws Exception {
        return m.messageClass() == StunClass.SUCCESS_RESPONSE ? 200 : m.errorCode().code();
    }

    private byte[] txId() {
        byte[] t = new byte[12];
        random.nextBytes(t);
        return t;
    }
}
