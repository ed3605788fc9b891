package io.confero.media.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * MAPPED-ADDRESS (RFC 8489 §14.1) and the XOR-address family (XOR-MAPPED-ADDRESS §14.2,
 * XOR-PEER-ADDRESS and XOR-RELAYED-ADDRESS RFC 8656 §18.3, §18.5): family 0x01 (IPv4) or 0x02
 * (IPv6), port, address; the XOR variants XOR the port with the top 16 bits of the magic cookie
 * and the address with the cookie followed by the transaction id.
 */
public final class StunAddress {
    public static final int FAMILY_IPV4 = 0x01;
    public static final int FAMILY_IPV6 = 0x02;

    private StunAddress() {
    }

    /** Encoded value length for an address. */
    public static int valueLength(InetSocketAddress address) {
        return 4 + address.getAddress().getAddress().length;
    }

    /**
     * Writes an address value. {@code transactionId} null means plain MAPPED-ADDRESS, otherwise XOR.
     *
     * @return bytes written
     */
    public static int write(InetSocketAddress address, byte[] transactionId, byte[] buf, int off) {
        byte[] ip = address.getAddress().getAddress();
        int port = address.getPort();
        buf[off] = 0;
        buf[off + 1] = (byte) (ip.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6);
        if (transactionId != null) {
            port ^= StunMessage.MAGIC_COOKIE >>> 16;
            xor(ip, transactionId);
        }
        buf[off + 2] = (byte) (port >>> 8);
        buf[off + 3] = (byte) port;
        System.arraycopy(ip, 0, buf, off + 4, ip.length);
        return 4 + ip.length;
    }

    /** Parses an address value; {@code transactionId} null means plain MAPPED-ADDRESS. */
    public static InetSocketAddress read(byte[] buf, int off, int len, byte[] transactionId) throws StunParseException {
        if (len < 4) {
            throw new StunParseException("address attribute too short");
        }
        int family = buf[off + 1] & 0xFF;
        int ipLen = family == FAMILY_IPV4 ? 4 : family == FAMILY_IPV6 ? 16 : -1;
        if (ipLen < 0) {
            throw new StunParseException("unknown address family " + family);
        }
        if (len != 4 + ipLen) {
            throw new StunParseException("address attribute length " + len + " does not match family");
        }
        int port = ((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF);
        byte[] ip = new byte[ipLen];
        System.arraycopy(buf, off + 4, ip, 0, ipLen);
        if (transactionId != null) {
            port ^= StunMessage.MAGIC_COOKIE >>> 16;
            xor(ip, transactionId);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new StunParseException("bad address length");
        }
    }

    private static void xor(byte[] ip, byte[] transactionId) {
        int cookie = StunMessage.MAGIC_COOKIE;
        for (int i = 0; i < ip.length; i++) {
            int k = i < 4 ? (cookie >>> (24 - 8 * i)) & 0xFF : transactionId[i - 4] & 0xFF;
            ip[i] ^= (byte) k;
        }
    }
}
