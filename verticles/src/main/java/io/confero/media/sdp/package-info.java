/**
 * SDP for the SFU (pure: no I/O, no logging, no clock, no randomness).
 *
 * <ul>
 *   <li>Model: {@link io.confero.media.sdp.SessionDescription} and
 *       {@link io.confero.media.sdp.MediaDescription} (immutable records with builders); unknown
 *       attributes and lines are kept and written back.</li>
 *   <li>Text: {@link io.confero.media.sdp.SdpParser#parse(String)} (strict, RFC 8866, checked
 *       {@link io.confero.media.sdp.SdpParseException} naming the line) and
 *       {@link io.confero.media.sdp.SdpWriter#write(SessionDescription)} (CRLF).</li>
 *   <li>Publish PeerConnection (browser offers):
 *       {@link io.confero.media.sdp.PublishAnswerer} → {@link io.confero.media.sdp.PublishAnswer}
 *       with one {@link io.confero.media.sdp.PublishedTrack} per received m-section.</li>
 *   <li>Subscribe PeerConnection (we offer): {@link io.confero.media.sdp.SubscribeOfferer} over an
 *       immutable {@link io.confero.media.sdp.SubscribeState}, and
 *       {@link io.confero.media.sdp.SubscribeAnswerParser} for the browser's answer.</li>
 * </ul>
 *
 * <p>Transport model: one bundled ICE-lite transport per PeerConnection
 * ({@link io.confero.media.sdp.LocalTransport}), rtcp-mux, and the SFU always the DTLS server
 * (we answer {@code setup:passive}, offer {@code setup:actpass}; Chromium answers {@code active}).
 */
package io.confero.media.sdp;
