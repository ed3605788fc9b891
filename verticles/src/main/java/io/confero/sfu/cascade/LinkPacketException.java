package io.confero.sfu.cascade;

/** A datagram on a node-to-node link that is not a link packet of this format (counted as a drop). */
public final class LinkPacketException extends Exception {
  public LinkPacketException(String message) {
    super(message, null, false, false);
  }
}
