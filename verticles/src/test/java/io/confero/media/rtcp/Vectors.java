package io.confero.media.rtcp;

import io.confero.media.rtp.Hex;
import java.util.Arrays;

/** Shared RTCP test vectors (hex from the RFCs' layouts, libwebrtc and Pion test data). */
final class Vectors {
    private Vectors() {
    }

    /** RFC 3550 §6.4.1 SR with one report block (values as in Pion's sender_report_test). */
    static final byte[] SR = Hex.bytes("""
        81 c8 000c            # V=2 RC=1 PT=200 length 12
        902f9e2e              # SSRC of sender
        da8bd1fc dddda05a     # NTP timestamp
        aaf4edd5              # RTP timestamp
        00000001 00000002     # packet count, octet count
        bc5e9a40              # report block: SSRC
        00 000000             # fraction lost 0, cumulative lost 0
        000046e1              # extended highest seq
        00000111              # jitter 273
        09f36432              # LSR
        00024a79              # DLSR 150137
        """);

    static final byte[] RR = Hex.bytes("""
        81 c9 0007            # V=2 RC=1 PT=201 length 7
        902f9e2e
        bc5e9a40 80 ffffff    # fraction lost 128/256, cumulative lost -1 (24-bit signed)
        0001fffe 00000000 00000000 00000000
        """);

    static final byte[] SDES = Hex.bytes("""
        81 ca 0003 11223344   # SC=1, chunk SSRC
        01 04 61626364        # CNAME "abcd"
        00 00                 # null item + padding to 32 bits
        """);

    static final byte[] BYE = Hex.bytes("""
        81 cb 0003 11223344
        05 68656c6c6f 0000    # reason "hello" padded to 32 bits
        """);

    static final byte[] PLI = Hex.bytes("81 ce 0002 11223344 55667788");

    static final byte[] FIR = Hex.bytes("""
        84 ce 0004 11223344   # FMT=4 PT=206 length 4, sender SSRC
        00000000              # media source SSRC: 0 (RFC 5104 §4.3.1.2)
        55667788 07 000000    # FCI: target SSRC, seq nr 7, reserved
        """);

    static final byte[] NACK = Hex.bytes("""
        81 cd 0004 11223344 55667788
        ffff 0003             # PID 65535, BLP lost 0 and 1
        0064 8001             # PID 100, BLP lost 101 and 116
        """);

    /** libwebrtc remb_unittest.cc: sender 0x12345678, 3 SSRCs, bitrate 0x3fb93·2. */
    static final byte[] REMB = Hex.bytes("""
        8f ce 0007 12345678 00000000
        52454d42              # "REMB"
        03 07fb93             # Num SSRC 3, exp 1, mantissa 0x3fb93
        23456789 2345678a 2345678b
        """);

    /** Pion transport_layer_cc_test "example1": one packet, small delta 148 ticks, 1 pad byte. */
    static final byte[] TWCC_PION_1 = Hex.bytes("""
        af cd 0005 fa17fa17 43032fa0
        0099 0001             # base seq 153, status count 1
        3de802 17             # reference time 4057090, fb pkt count 23
        2001                  # run length chunk: small delta x1
        94                    # recv delta 148 (37 ms)
        01                    # padding (1 byte)
        """);

    /** Pion transport_layer_cc_test "example4": run of 7 small deltas, 3 pad bytes. */
    static final byte[] TWCC_PION_4 = Hex.bytes("""
        af cd 0007 fa17fa17 193dd8bb
        0004 0007             # base seq 4, status count 7
        10636e 01             # reference time 1074030, fb pkt count 1
        2007                  # run length chunk: small delta x7
        4c 24 24 10 0c 0c 10  # deltas 19, 9, 9, 4, 3, 3, 4 ms
        000003                # padding (3 bytes)
        """);

    static byte[] compound(byte[]... parts) {
        byte[] out = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
