package io.confero.e2e;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One {@code RTCPeerConnection.getStats()} sample, reduced to the RTP stream stats end-to-end
 * tests assert on (W3C webrtc-stats, "RTCInboundRtpStreamStats" / "RTCOutboundRtpStreamStats").
 *
 * @param present false when the page had no such peer connection (yet)
 * @param connectionState {@code RTCPeerConnection.connectionState} at sampling time
 * @param iceConnectionState {@code RTCPeerConnection.iceConnectionState} at sampling time
 * @param error a getStats() rejection, or null
 * @param selectedPair the ICE candidate pair the transport uses, or null before one is selected
 */
public record PeerStats(boolean present, String connectionState, String iceConnectionState, String error,
    List<InboundVideo> inboundVideo, List<InboundAudio> inboundAudio, List<Outbound> outbound,
    SelectedPair selectedPair) {

  public PeerStats {
    inboundVideo = List.copyOf(inboundVideo);
    inboundAudio = List.copyOf(inboundAudio);
    outbound = List.copyOf(outbound);
  }

  /** An inbound-rtp entry of kind video. */
  public record InboundVideo(String trackIdentifier, String mid, long ssrc, long framesDecoded, int frameWidth,
      int frameHeight, long bytesReceived, long packetsLost) {
    /** Identifies the stream across samples. */
    public String key() {
      return "video:" + mid + ":" + ssrc;
    }
  }

  /** An inbound-rtp entry of kind audio. */
  public record InboundAudio(String trackIdentifier, String mid, long ssrc, long totalSamplesReceived,
      double audioLevel, long bytesReceived, long packetsLost) {
    /** Identifies the stream across samples. */
    public String key() {
      return "audio:" + mid + ":" + ssrc;
    }
  }

  /** An outbound-rtp entry (one per simulcast layer, {@code rid} empty without simulcast). */
  public record Outbound(String kind, String mid, String rid, long ssrc, long bytesSent, long packetsSent,
      long framesEncoded, int frameWidth, int frameHeight) {
    /** Identifies the stream across samples. */
    public String key() {
      return kind + ":" + mid + ":" + rid + ":" + ssrc;
    }
  }

  /**
   * The transport's selected candidate pair (W3C webrtc-stats "RTCIceCandidatePairStats" and its
   * local/remote "RTCIceCandidateStats").
   *
   * @param localCandidateType host, srflx, prflx or relay
   * @param localProtocol udp or tcp: how the local candidate sends (for a relay candidate, the
   *     relayed transport, always udp)
   * @param relayProtocol for a relay candidate, how the browser reaches the TURN server (udp, tcp, tls)
   * @param localUrl for a relay or srflx candidate, the ICE server URL it came from
   */
  public record SelectedPair(String state, String localCandidateType, String localProtocol, String localAddress,
      int localPort, String relayProtocol, String localUrl, String remoteCandidateType, String remoteAddress,
      int remotePort, long bytesSent, long bytesReceived, long availableOutgoingBitrate) {
    /** True when the local side is a TURN relay candidate. */
    public boolean relayed() {
      return "relay".equals(localCandidateType);
    }
  }

  /** The sample for a page without the peer connection. */
  public static PeerStats absent() {
    return new PeerStats(false, "absent", "absent", null, List.of(), List.of(), List.of(), null);
  }

  /** True when the connection reached {@code connectionState == "connected"}. */
  public boolean connected() {
    return "connected".equals(connectionState);
  }

  /** The video stream with this mid, if any. */
  public Optional<InboundVideo> videoByMid(String mid) {
    return inboundVideo.stream().filter(v -> v.mid().equals(mid)).findFirst();
  }

  /** Sum of {@code bytesSent} over all outbound streams. */
  public long totalBytesSent() {
    return outbound.stream().mapToLong(Outbound::bytesSent).sum();
  }

  /** Parses the JSON answered by {@code e2e/collect-stats.js}. */
  public static PeerStats fromJson(String json) {
    JsonObject o = new JsonObject(json);
    if (!o.getBoolean("present", false)) {
      return absent();
    }
    return new PeerStats(true, o.getString("connectionState", ""), o.getString("iceConnectionState", ""),
        o.getString("error"), list(o, "inboundVideo", PeerStats::video), list(o, "inboundAudio", PeerStats::audio),
        list(o, "outbound", PeerStats::out), pair(o.getJsonObject("selectedPair")));
  }

  private static SelectedPair pair(JsonObject j) {
    if (j == null) {
      return null;
    }
    return new SelectedPair(j.getString("state", ""), j.getString("localCandidateType", ""),
        j.getString("localProtocol", ""), j.getString("localAddress", ""), (int) lng(j, "localPort"),
        j.getString("relayProtocol", ""), j.getString("localUrl", ""), j.getString("remoteCandidateType", ""),
        j.getString("remoteAddress", ""), (int) lng(j, "remotePort"), lng(j, "bytesSent"), lng(j, "bytesReceived"),
        lng(j, "availableOutgoingBitrate"));
  }

  private static <T> List<T> list(JsonObject o, String field, Function<JsonObject, T> f) {
    JsonArray a = o.getJsonArray(field, new JsonArray());
    List<T> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      out.add(f.apply(a.getJsonObject(i)));
    }
    return out;
  }

  private static InboundVideo video(JsonObject j) {
    return new InboundVideo(j.getString("trackIdentifier"), j.getString("mid"), lng(j, "ssrc"),
        lng(j, "framesDecoded"), (int) lng(j, "frameWidth"), (int) lng(j, "frameHeight"), lng(j, "bytesReceived"),
        lng(j, "packetsLost"));
  }

  private static InboundAudio audio(JsonObject j) {
    return new InboundAudio(j.getString("trackIdentifier"), j.getString("mid"), lng(j, "ssrc"),
        lng(j, "totalSamplesReceived"), j.getNumber("audioLevel", 0).doubleValue(), lng(j, "bytesReceived"),
        lng(j, "packetsLost"));
  }

  private static Outbound out(JsonObject j) {
    return new Outbound(j.getString("kind"), j.getString("mid"), j.getString("rid"), lng(j, "ssrc"),
        lng(j, "bytesSent"), lng(j, "packetsSent"), lng(j, "framesEncoded"), (int) lng(j, "frameWidth"),
        (int) lng(j, "frameHeight"));
  }

  private static long lng(JsonObject j, String field) {
    return j.getNumber(field, 0).longValue();
  }
}
