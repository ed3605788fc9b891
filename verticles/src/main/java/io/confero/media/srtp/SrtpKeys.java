package io.confero.media.srtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * The SRTP master keys and salts of one DTLS-SRTP association, as exported by DTLS.
 *
 * <p>RFC 5764 §4.2: the exporter output (label {@code EXTRACTOR-dtls_srtp}) of length
 * 2 * (key + salt) is split as client_write_SRTP_master_key | server_write_SRTP_master_key |
 * client_write_SRTP_master_salt | server_write_SRTP_master_salt. The arrays are copied on the way
 * in and on the way out; {@link #toString()} never prints key material.
 */
public record SrtpKeys(SrtpProfile profile, byte[] clientKey, byte[] clientSalt, byte[] serverKey, byte[] serverSalt) {

    /** Validates lengths against the profile and takes defensive copies. */
    public SrtpKeys {
        Objects.requireNonNull(profile, "profile");
        clientKey = checked(clientKey, profile.keyLength(), "clientKey");
        serverKey = checked(serverKey, profile.keyLength(), "serverKey");
        clientSalt = checked(clientSalt, profile.saltLength(), "clientSalt");
        serverSalt = checked(serverSalt, profile.saltLength(), "serverSalt");
    }

    /**
     * Splits exported keying material per RFC 5764 §4.2.
     *
     * @param material exactly {@link SrtpProfile#exporterLength()} bytes
     */
    public static SrtpKeys fromExporter(SrtpProfile profile, byte[] material) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(material, "material");
        if (material.length != profile.exporterLength()) {
            throw new IllegalArgumentException("keying material must be " + profile.exporterLength()
                    + " bytes for " + profile + ", got " + material.length);
        }
        int k = profile.keyLength();
        int s = profile.saltLength();
        return new SrtpKeys(profile,
                Arrays.copyOfRange(material, 0, k),
                Arrays.copyOfRange(material, 2 * k, 2 * k + s),
                Arrays.copyOfRange(material, k, 2 * k),
                Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s));
    }

    @Override
    public byte[] clientKey() {
        return clientKey.clone();
    }

    @Override
    public byte[] clientSalt() {
        return clientSalt.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public byte[] serverSalt() {
        return serverSalt.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpKeys other
                && profile == other.profile
                && Arrays.equals(clientKey, other.clientKey)
                && Arrays.equals(clientSalt, other.clientSalt)
                && Arrays.equals(serverKey, other.serverKey)
                && Arrays.equals(serverSalt, other.serverSalt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile, Arrays.hashCode(clientKey), Arrays.hashCode(serverKey));
    }

    @Override
    public String toString() {
        return "SrtpKeys[" + profile + ", keys redacted]";
    }

    private static byte[] checked(byte[] value, int expected, String name) {
        Objects.requireNonNull(value, name);
        if (value.length != expected) {
            throw new IllegalArgumentException(name + " must be " + expected + " bytes, got " + value.length);
        }
        return value.clone();
    }
}
