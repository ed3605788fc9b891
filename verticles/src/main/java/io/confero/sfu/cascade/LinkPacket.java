package io.confero.sfu.cascade;

import io.confero.media.rtp.Bytes;

/**
 * One media packet on a node-to-node cascade link, before SRTP protection (RFC 3711) and after
 * unprotection. It is an RTP packet (RFC 3550 §5.1) of the link's own stream — one link stream per
 * relayed encoding, its SSRC the stream id the sending node chose, its sequence numbers the link's
 * own (so losses on the link are repaired on the link, per hop) — whose payload carries the packet
 * exactly as the origin node received it from its publisher:
 *
 * <pre>
 *  RTP header: V=2 P=0 X=0 CC=0, M and timestamp copied from the original,
 *              PT {@value #MEDIA_PT}, seq = link sequence number, SSRC = stream id (bit 31 clear)
 *  payload:    0: format version ({@value #VERSION})
 *              1: encoding index (simulcast layer, 0..{@value #MAX_ENCODING})
 *              2: flags (bit 0: starts a keyframe, bit 1: audio level present)
 *              3: RFC 6464 audio level 0..127 (0 when absent)
 *              4..: the original RTP packet, RTX already unwrapped
 * </pre>
 *
 * A retransmission on the link follows RFC 4588 §4: PT {@value #RTX_PT}, SSRC = stream id with
 * bit 31 set, its own sequence numbers, and a payload of the original link sequence number (OSN,
 * 2 bytes) followed by the original link payload. Retransmitting under a separate SSRC also keeps
 * SRTP from ever encrypting two packets under one index. Pure: no I/O, nothing allocated but the
 * parsed record.
 *
 * @param streamId the link stream (bit 31 clear)
 * @param linkSeq the link sequence number of the media packet (the OSN for a retransmission)
 * @param repair true when this arrived as a retransmission
 * @param encoding the encoding index at the origin
 * @param keyframe whether the original starts a keyframe
 * @param audioLevel the audio level 0..127, or -1 when absent
 * @param innerOffset where the original RTP packet starts in the parsed buffer
 * @param innerLength its length
 */
public record LinkPacket(int streamId, int linkSeq, boolean repair, int encoding, boolean keyframe, int audioLevel,
    int innerOffset, int innerLength) {
  public static final int VERSION = 1;
  public static final int MEDIA_PT = 100;
  public static final int RTX_PT = 101;
  public static final int MAX_ENCODING = 15;
  /** The RTP header of a link packet (no CSRCs, no extension). */
  public static final int HEADER = 12;
  /** The link's own fields in the payload, before the original packet. */
  public static final int META = 4;
  /** What a link packet adds to the original: header and meta (a retransmission adds 2 more). */
  public static final int OVERHEAD = HEADER + META;
  /** Bit 31 of the SSRC: a link retransmission stream. */
  public static final int RTX_BIT = 0x8000_0000;
  private static final int FLAG_KEYFRAME = 1;
  private static final int FLAG_LEVEL = 2;
  /** Smallest original: an RTP fixed header. */
  private static final int MIN_INNER = 12;

  /**
   * Writes a link media packet around the original at {@code dst[off]}: {@code inner} is the
   * original RTP packet. Returns the bytes written; {@code dst} needs {@link #OVERHEAD} more than
   * the original.
   */
  public static int writeMedia(byte[] dst, int off, int streamId, int linkSeq, int encoding, boolean keyframe,
      int audioLevel, byte[] inner, int innerOff, int innerLen) {
    if (streamId < 0 || encoding < 0 || encoding > MAX_ENCODING || innerLen < MIN_INNER) {
      throw new IllegalArgumentException("bad link packet: stream " + streamId + ", encoding " + encoding
          + ", original of " + innerLen + " bytes");
    }
    boolean marker = (inner[innerOff + 1] & 0x80) != 0;
    dst[off] = (byte) 0x80;
    dst[off + 1] = (byte) ((marker ? 0x80 : 0) | MEDIA_PT);
    Bytes.put16(dst, off + 2, linkSeq);
    System.arraycopy(inner, innerOff + 4, dst, off + 4, 4);
    Bytes.put32(dst, off + 8, streamId);
    dst[off + HEADER] = VERSION;
    dst[off + HEADER + 1] = (byte) encoding;
    boolean level = audioLevel >= 0 && audioLevel <= 127;
    dst[off + HEADER + 2] = (byte) ((keyframe ? FLAG_KEYFRAME : 0) | (level ? FLAG_LEVEL : 0));
    dst[off + HEADER + 3] = (byte) (level ? audioLevel : 0);
    System.arraycopy(inner, innerOff, dst, off + OVERHEAD, innerLen);
    return OVERHEAD + innerLen;
  }

  /**
   * Writes the RFC 4588 retransmission of a link media packet ({@code media}, as written by
   * {@link #writeMedia}) at {@code dst[off]} with RTX sequence number {@code rtxSeq}; returns the
   * bytes written ({@code mediaLen + 2}).
   */
  public static int writeRtx(byte[] dst, int off, int rtxSeq, byte[] media, int mediaOff, int mediaLen) {
    if (mediaLen < OVERHEAD + MIN_INNER) {
      throw new IllegalArgumentException("not a link media packet: " + mediaLen + " bytes");
    }
    System.arraycopy(media, mediaOff, dst, off, HEADER);
    dst[off + 1] = (byte) ((media[mediaOff + 1] & 0x80) | RTX_PT);
    Bytes.put16(dst, off + 2, rtxSeq);
    Bytes.put32(dst, off + 8, Bytes.i32(media, mediaOff + 8) | RTX_BIT);
    Bytes.put16(dst, off + HEADER, Bytes.u16(media, mediaOff + 2));
    System.arraycopy(media, mediaOff + HEADER, dst, off + HEADER + 2, mediaLen - HEADER);
    return mediaLen + 2;
  }

  /** Parses a link media packet or retransmission (already unprotected). */
  public static LinkPacket parse(byte[] buf, int off, int len) throws LinkPacketException {
    if (off < 0 || len < 0 || off + len > buf.length) {
      throw new LinkPacketException("bounds");
    }
    if (len < OVERHEAD + MIN_INNER) {
      throw new LinkPacketException("too short for a link packet: " + len);
    }
    if ((buf[off] & 0xFF) != 0x80) {
      throw new LinkPacketException("not a plain RTP v2 header");
    }
    int pt = buf[off + 1] & 0x7F;
    int ssrc = Bytes.i32(buf, off + 8);
    boolean repair = pt == RTX_PT;
    if (pt != MEDIA_PT && !repair) {
      throw new LinkPacketException("payload type " + pt + " is not a link type");
    }
    if (repair != ((ssrc & RTX_BIT) != 0)) {
      throw new LinkPacketException("SSRC and payload type disagree on retransmission");
    }
    int seq = Bytes.u16(buf, off + 2);
    int meta = off + HEADER;
    if (repair) {
      if (len < OVERHEAD + MIN_INNER + 2) {
        throw new LinkPacketException("retransmission too short: " + len);
      }
      seq = Bytes.u16(buf, meta);
      meta += 2;
    }
    return meta(buf, meta, off + len, ssrc & ~RTX_BIT, seq, repair);
  }

  private static LinkPacket meta(byte[] buf, int meta, int end, int streamId, int seq, boolean repair)
      throws LinkPacketException {
    if (buf[meta] != VERSION) {
      throw new LinkPacketException("link format version " + (buf[meta] & 0xFF));
    }
    int encoding = buf[meta + 1] & 0xFF;
    int flags = buf[meta + 2] & 0xFF;
    int level = buf[meta + 3] & 0xFF;
    if (encoding > MAX_ENCODING || (flags & ~(FLAG_KEYFRAME | FLAG_LEVEL)) != 0 || level > 127) {
      throw new LinkPacketException("bad link meta: encoding " + encoding + ", flags " + flags + ", level " + level);
    }
    int inner = meta + META;
    if ((buf[inner] & 0xC0) != 0x80) {
      throw new LinkPacketException("the original is not RTP v2");
    }
    return new LinkPacket(streamId, seq, repair, encoding, (flags & FLAG_KEYFRAME) != 0,
        (flags & FLAG_LEVEL) != 0 ? level : -1, inner, end - inner);
  }
}
