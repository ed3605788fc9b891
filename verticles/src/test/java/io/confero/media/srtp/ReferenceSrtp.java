package io.confero.media.srtp;

import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A straight-line reading of RFC 3711 §4.1.1/§4.2/§4.3 and RFC 7714 §8/§9 on javax.crypto, used to
 * check jitsi-srtp byte for byte. Each function is itself pinned to the RFC vectors in the tests.
 */
final class ReferenceSrtp {
    private ReferenceSrtp() {
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** AES in counter mode from a 16-byte initial counter block (RFC 3711 §4.1.1). */
    static byte[] aesCtr(byte[] key, byte[] counter, byte[] data) throws Exception {
        Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
        return c.doFinal(data);
    }

    /**
     * RFC 3711 §4.3.1/§4.3.3 key derivation with key_derivation_rate 0. A 96-bit AEAD master salt is
     * zero-padded on the right to 112 bits, as libsrtp and RFC 7714 §11 do.
     */
    static byte[] kdf(byte[] masterKey, byte[] masterSalt, int label, int length) throws Exception {
        byte[] x = new byte[16];
        System.arraycopy(masterSalt, 0, x, 0, masterSalt.length);
        x[7] ^= (byte) label;
        return aesCtr(masterKey, x, new byte[length]);
    }

    /** RFC 3711 §4.1.1 counter block for an RTP packet, and §3.3 HMAC-SHA1-80 protection. */
    static byte[] protectCm80(byte[] encKey, byte[] salt, byte[] authKey, byte[] rtp, int headerLen, int roc)
            throws Exception {
        int ssrc = readInt(rtp, 8);
        long index = ((long) roc << 16) | (((rtp[2] & 0xFF) << 8) | (rtp[3] & 0xFF));
        byte[] iv = new byte[16];
        System.arraycopy(salt, 0, iv, 0, 14);
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        }
        byte[] payload = aesCtr(encKey, iv, Arrays.copyOfRange(rtp, headerLen, rtp.length));
        byte[] out = Arrays.copyOf(rtp, rtp.length + 10);
        System.arraycopy(payload, 0, out, headerLen, payload.length);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(authKey, "HmacSHA1"));
        mac.update(out, 0, rtp.length);
        mac.update(new byte[] {(byte) (roc >>> 24), (byte) (roc >>> 16), (byte) (roc >>> 8), (byte) roc});
        System.arraycopy(mac.doFinal(), 0, out, rtp.length, 10);
        return out;
    }

    /** RFC 7714 §8.1 IV and §8.2 AEAD encryption of an RTP packet. */
    static byte[] protectGcmRtp(byte[] key, byte[] salt, byte[] rtp, int headerLen, int roc) throws Exception {
        byte[] iv = new byte[12];
        System.arraycopy(rtp, 8, iv, 2, 4);
        iv[6] = (byte) (roc >>> 24);
        iv[7] = (byte) (roc >>> 16);
        iv[8] = (byte) (roc >>> 8);
        iv[9] = (byte) roc;
        iv[10] = rtp[2];
        iv[11] = rtp[3];
        xor(iv, salt);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        c.updateAAD(rtp, 0, headerLen);
        byte[] sealed = c.doFinal(rtp, headerLen, rtp.length - headerLen);
        byte[] out = Arrays.copyOf(rtp, headerLen + sealed.length);
        System.arraycopy(sealed, 0, out, headerLen, sealed.length);
        return out;
    }

    /** RFC 7714 §9.1 IV and §9.2 AEAD encryption of an RTCP packet with E=1 and the given index. */
    static byte[] protectGcmRtcp(byte[] key, byte[] salt, byte[] rtcp, int index) throws Exception {
        byte[] iv = new byte[12];
        System.arraycopy(rtcp, 4, iv, 2, 4);
        iv[8] = (byte) ((index >>> 24) & 0x7F);
        iv[9] = (byte) (index >>> 16);
        iv[10] = (byte) (index >>> 8);
        iv[11] = (byte) index;
        xor(iv, salt);
        byte[] trailer = {(byte) (0x80 | ((index >>> 24) & 0x7F)), (byte) (index >>> 16), (byte) (index >>> 8),
            (byte) index};
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        c.updateAAD(rtcp, 0, 8);
        c.updateAAD(trailer);
        byte[] sealed = c.doFinal(rtcp, 8, rtcp.length - 8);
        byte[] out = new byte[8 + sealed.length + 4];
        System.arraycopy(rtcp, 0, out, 0, 8);
        System.arraycopy(sealed, 0, out, 8, sealed.length);
        System.arraycopy(trailer, 0, out, 8 + sealed.length, 4);
        return out;
    }

    static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    private static void xor(byte[] target, byte[] with) {
        for (int i = 0; i < target.length; i++) {
            target[i] ^= with[i];
        }
    }
}
