package io.confero.sfu.ice;

import io.confero.sfu.metrics.DropReason;

/**
 * What to do with one received connectivity check (RFC 8445 §7.3).
 *
 * @param response the datagram to send back to the check's source, or null when dropped
 * @param dropReason why nothing is sent, or null when there is a response
 * @param errorCode 0 for a success response, else the STUN error code sent (420, 487)
 * @param nominated the check carried USE-CANDIDATE and was valid
 * @param selectedAddressChanged this check made its source the selected address (first or new one)
 */
public record IceCheckResult(byte[] response, DropReason dropReason, int errorCode, boolean nominated,
                             boolean selectedAddressChanged) {

    static IceCheckResult drop(DropReason reason) {
        return new IceCheckResult(null, reason, 0, false, false);
    }

    static IceCheckResult error(byte[] response, int code) {
        return new IceCheckResult(response, null, code, false, false);
    }

    static IceCheckResult success(byte[] response, boolean nominated, boolean changed) {
        return new IceCheckResult(response, null, 0, nominated, changed);
    }

    /** True when {@link #response()} should be sent. */
    public boolean hasResponse() {
        return response != null;
    }

    /** True for a Binding success response. */
    public boolean isSuccess() {
        return response != null && errorCode == 0;
    }
}
