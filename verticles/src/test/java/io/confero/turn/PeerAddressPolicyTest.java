package io.confero.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8656 §21.1.3 peer restrictions: which addresses each policy lets a relay reach. */
class PeerAddressPolicyTest {

    @ParameterizedTest(name = "{0}: strict={1} loopback={2} private={3}")
    @CsvSource({
        "198.51.100.7, true, true, true",
        "8.8.8.8, true, true, true",
        "127.0.0.1, false, true, false",
        "127.255.0.9, false, true, false",
        "10.1.2.3, false, false, true",
        "172.16.0.1, false, false, true",
        "172.31.255.255, false, false, true",
        "172.32.0.1, true, true, true",
        "192.168.0.1, false, false, true",
        "100.64.0.1, false, false, true",
        "169.254.1.1, false, false, true",
        "0.0.0.0, false, false, false",
        "0.1.2.3, false, false, false",
        "224.0.0.1, false, false, false",
        "255.255.255.255, false, false, false",
        "::1, false, true, false",
        "::, false, false, false",
        "fe80::1, false, false, true",
        "fd00::1, false, false, true",
        "ff02::1, false, false, false",
        "2001:db8::1, true, true, true",
        "::ffff:10.0.0.1, false, false, true",
        "::ffff:127.0.0.1, false, true, false"})
    void table(String ip, boolean strict, boolean withLoopback, boolean withPrivate) throws Exception {
        InetAddress a = InetAddress.getByName(ip);
        assertThat(new PeerAddressPolicy(false, false).isAllowed(a)).isEqualTo(strict);
        assertThat(new PeerAddressPolicy(true, false).isAllowed(a)).isEqualTo(withLoopback);
        assertThat(new PeerAddressPolicy(false, true).isAllowed(a)).isEqualTo(withPrivate);
    }
}
