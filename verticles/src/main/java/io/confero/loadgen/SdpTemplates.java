package io.confero.loadgen;

import io.confero.media.sdp.Candidate;
import io.confero.media.sdp.Codec;
import io.confero.media.sdp.Direction;
import io.confero.media.sdp.Fingerprint;
import io.confero.media.sdp.MediaDescription;
import io.confero.media.sdp.SessionDescription;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The SDP a load participant sends, shaped like Chromium's (Unified Plan, BUNDLE, rtcp-mux): its
 * publish offer (Opus and VP8, {@code sendonly}, one SSRC each) and its answer to the SFU's
 * subscribe offer (Opus and VP8 only, {@code recvonly}, {@code setup:active}).
 */
final class SdpTemplates {
  static final int OPUS_PT = 111;
  static final int VP8_PT = 96;
  static final int EXT_AUDIO_LEVEL = 1;
  static final int EXT_MID = 4;
  static final String AUDIO_LEVEL_URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
  static final String MID_URI = "urn:ietf:params:rtp-hdrext:sdes:mid";

  /** Where and how to reach the SFU for one transport, read from its SDP. */
  record Remote(ClientTransport.IceParams ice, String fingerprint, InetSocketAddress address) {
  }

  private SdpTemplates() {
  }

  /** A microphone and a camera, or ({@code videoSsrc} null) a microphone only. */
  static String publishOffer(ClientTransport.IceParams ice, String fingerprint, String cname, int audioSsrc,
      Integer videoSsrc) {
    String stream = "loadgen-" + cname;
    StringBuilder s = new StringBuilder();
    s.append("v=0\r\no=- ").append(Integer.toUnsignedString(audioSsrc)).append(" 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n")
        .append(videoSsrc == null ? "a=group:BUNDLE 0\r\n" : "a=group:BUNDLE 0 1\r\n")
        .append("a=extmap-allow-mixed\r\na=msid-semantic: WMS ").append(stream).append("\r\n");
    section(s, "audio", "0", ice, fingerprint, "actpass", "sendonly");
    s.append("a=extmap:").append(EXT_AUDIO_LEVEL).append(' ').append(AUDIO_LEVEL_URI).append("\r\n")
        .append("a=extmap:").append(EXT_MID).append(' ').append(MID_URI).append("\r\n")
        .append("a=msid:").append(stream).append(" audio-").append(cname).append("\r\n")
        .append("a=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n");
    ssrc(s, audioSsrc, cname, stream, "audio-" + cname);
    if (videoSsrc == null) {
      return s.toString();
    }
    section(s, "video", "1", ice, fingerprint, "actpass", "sendonly");
    s.append("a=extmap:").append(EXT_MID).append(' ').append(MID_URI).append("\r\n")
        .append("a=msid:").append(stream).append(" video-").append(cname).append("\r\n")
        .append("a=rtcp-mux\r\na=rtcp-rsize\r\na=rtpmap:96 VP8/90000\r\n")
        .append("a=rtcp-fb:96 goog-remb\r\na=rtcp-fb:96 ccm fir\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\n");
    ssrc(s, videoSsrc, cname, stream, "video-" + cname);
    return s.toString();
  }

  /**
   * Our answer to a subscribe offer: every live m-section accepted {@code recvonly} (an inactive one
   * inactive) with its Opus or
   * VP8 payload type (others rejected, port 0), the header extensions we read, and the rest bundled.
   */
  static String subscribeAnswer(SessionDescription offer, ClientTransport.IceParams ice, String fingerprint) {
    StringBuilder body = new StringBuilder();
    List<String> bundle = new ArrayList<>();
    for (MediaDescription m : offer.media()) {
      Codec codec = m.isRejected() ? null : m.codecs().stream()
          .filter(c -> c.is("opus") || c.is("VP8")).findFirst().orElse(null);
      if (codec == null) {
        body.append("m=").append(m.media()).append(" 0 ").append(m.proto()).append(' ')
            .append(m.formats().isEmpty() ? "0" : m.formats().get(0)).append("\r\nc=IN IP4 0.0.0.0\r\n")
            .append("a=mid:").append(m.mid()).append("\r\na=inactive\r\n");
        continue;
      }
      bundle.add(m.mid());
      body.append("m=").append(m.media()).append(" 9 ").append(m.proto()).append(' ').append(codec.payloadType()).append("\r\n");
      body.append("c=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n")
          .append("a=ice-ufrag:").append(ice.ufrag()).append("\r\na=ice-pwd:").append(ice.pwd()).append("\r\n")
          .append("a=fingerprint:sha-256 ").append(fingerprint).append("\r\na=setup:active\r\n")
          .append("a=mid:").append(m.mid()).append("\r\n");
      m.extensions().stream().filter(e -> e.uri().equals(MID_URI) || e.uri().equals(AUDIO_LEVEL_URI))
          .forEach(e -> body.append("a=extmap:").append(e.id()).append(' ').append(e.uri()).append("\r\n"));
      // a section the SFU ended (its track went) but keeps as the BUNDLE tag is offered inactive
      boolean ended = m.effectiveDirection() == Direction.INACTIVE;
      body.append(ended ? "a=inactive" : "a=recvonly").append("\r\na=rtcp-mux\r\n");
      body.append("a=rtpmap:").append(codec.payloadType()).append(' ').append(codec.name()).append('/')
          .append(codec.clockRate()).append(codec.channels() > 1 ? "/" + codec.channels() : "").append("\r\n");
      if (codec.is("VP8")) {
        body.append("a=rtcp-fb:").append(codec.payloadType()).append(" nack pli\r\n")
            .append("a=rtcp-fb:").append(codec.payloadType()).append(" ccm fir\r\n");
      }
    }
    return "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE " + String.join(" ", bundle)
        + "\r\na=msid-semantic: WMS\r\n" + body;
  }

  /** The SFU's ICE credentials, fingerprint and first UDP host candidate (media level first). */
  static Remote remote(SessionDescription sdp) {
    MediaDescription m = sdp.media().stream().filter(x -> !x.isRejected()).findFirst()
        .orElseThrow(() -> new IllegalStateException("SFU SDP has no live m-section"));
    String ufrag = m.iceUfrag() != null ? m.iceUfrag() : sdp.iceUfrag();
    String pwd = m.icePwd() != null ? m.icePwd() : sdp.icePwd();
    List<Fingerprint> fps = !m.fingerprints().isEmpty() ? m.fingerprints() : sdp.fingerprints();
    Fingerprint fp = fps.stream().filter(f -> f.hashFunction().equalsIgnoreCase("sha-256")).findFirst()
        .orElseThrow(() -> new IllegalStateException("SFU SDP has no sha-256 fingerprint"));
    Candidate c = m.candidates().stream().filter(x -> x.transport().equalsIgnoreCase("udp")).findFirst()
        .orElseThrow(() -> new IllegalStateException("SFU SDP has no UDP candidate"));
    return new Remote(new ClientTransport.IceParams(ufrag, pwd), fp.value(), new InetSocketAddress(c.address(), c.port()));
  }

  private static void section(StringBuilder s, String kind, String mid, ClientTransport.IceParams ice,
      String fingerprint, String setup, String direction) {
    s.append("m=").append(kind).append(" 9 UDP/TLS/RTP/SAVPF ").append("audio".equals(kind) ? OPUS_PT : VP8_PT).append("\r\n")
        .append("c=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n")
        .append("a=ice-ufrag:").append(ice.ufrag()).append("\r\na=ice-pwd:").append(ice.pwd()).append("\r\n")
        .append("a=fingerprint:sha-256 ").append(fingerprint).append("\r\na=setup:").append(setup).append("\r\n")
        .append("a=mid:").append(mid).append("\r\na=").append(direction).append("\r\n");
  }

  private static void ssrc(StringBuilder s, int ssrc, String cname, String stream, String track) {
    String id = Integer.toUnsignedString(ssrc);
    s.append("a=ssrc:").append(id).append(" cname:").append(cname).append("\r\n")
        .append("a=ssrc:").append(id).append(" msid:").append(stream).append(' ').append(track).append("\r\n");
  }
}
