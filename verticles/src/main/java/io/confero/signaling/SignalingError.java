package io.confero.signaling;

/** A refused signaling frame: a stable code (see docs/protocol.md) and a message for people. */
final class SignalingError extends RuntimeException {
  final String code;

  SignalingError(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }
}
