package io.confero.turn;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which peers a relay may talk to (RFC 8656 §21.1.3 "Using TURN to attack other hosts", §9.1):
 * loopback, private (RFC 1918, RFC 6598 shared, IPv6 ULA fc00::/7), link-local, multicast,
 * broadcast, unspecified and "this network" (0.0.0.0/8) are refused unless configuration allows
 * loopback or private ranges. IPv4-mapped IPv6 addresses are judged by their IPv4 address.
 */
public final class PeerAddressPolicy {
    private final boolean allowLoopback;
    private final boolean allowPrivate;

    public PeerAddressPolicy(boolean allowLoopback, boolean allowPrivate) {
        this.allowLoopback = allowLoopback;
        this.allowPrivate = allowPrivate;
    }

    public boolean isAllowed(InetAddress address) {
        byte[] a = address.getAddress();
        if (address instanceof Inet6Address && isV4Mapped(a)) {
            byte[] v4 = {a[12], a[13], a[14], a[15]};
            return isAllowedV4(v4);
        }
        return address instanceof Inet4Address ? isAllowedV4(a) : isAllowedV6(address, a);
    }

    private boolean isAllowedV4(byte[] a) {
        int b0 = a[0] & 0xFF;
        int b1 = a[1] & 0xFF;
        if (b0 == 127) {
            return allowLoopback;
        }
        if (b0 == 0 || b0 >= 224) {
            return false; // this-network, multicast, reserved, broadcast
        }
        boolean isPrivate = b0 == 10 || (b0 == 172 && (b1 & 0xF0) == 16) || (b0 == 192 && b1 == 168)
                || (b0 == 100 && (b1 & 0xC0) == 64) || (b0 == 169 && b1 == 254);
        return !isPrivate || allowPrivate;
    }

    private boolean isAllowedV6(InetAddress address, byte[] a) {
        if (address.isLoopbackAddress()) {
            return allowLoopback;
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        boolean isPrivate = (a[0] & 0xFE) == 0xFC || address.isLinkLocalAddress() || address.isSiteLocalAddress();
        return !isPrivate || allowPrivate;
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF;
    }
}
