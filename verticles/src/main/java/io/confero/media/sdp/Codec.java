package io.confero.media.sdp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One payload type of an RTP m-section: its {@code a=rtpmap} (RFC 8866 §6.6), {@code a=fmtp}
 * (§6.15) and {@code a=rtcp-fb} values (RFC 4585 §4.2). {@code name} is null and
 * {@code clockRate} 0 for a static payload type without rtpmap; {@code channels} is 0 when the
 * rtpmap has no encoding parameters; {@code fmtp} is null when absent.
 */
public record Codec(int payloadType, String name, int clockRate, int channels, String fmtp,
                    List<String> rtcpFeedback) {
    public Codec {
        rtcpFeedback = List.copyOf(rtcpFeedback);
    }

    public Codec(int payloadType, String name, int clockRate, int channels, String fmtp) {
        this(payloadType, name, clockRate, channels, fmtp, List.of());
    }

    /** True when the encoding name matches, case-insensitively (RFC 8866 §6.6). */
    public boolean is(String encodingName) {
        return name != null && name.equalsIgnoreCase(encodingName);
    }

    /** True for an RFC 4588 retransmission payload type. */
    public boolean isRtx() {
        return is("rtx");
    }

    /** The fmtp {@code key=value} parameters in order (RFC 8866 §6.15 convention); empty if none. */
    public Map<String, String> fmtpParameters() {
        Map<String, String> out = new LinkedHashMap<>();
        if (fmtp == null) {
            return out;
        }
        for (String part : fmtp.split(";")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (!p.isEmpty()) {
                out.put(eq < 0 ? p.toLowerCase(Locale.ROOT) : p.substring(0, eq).trim().toLowerCase(Locale.ROOT),
                        eq < 0 ? "" : p.substring(eq + 1).trim());
            }
        }
        return out;
    }

    /** The associated payload type of an rtx codec ({@code apt}, RFC 4588 §8.6), or -1. */
    public int apt() {
        String apt = fmtpParameters().get("apt");
        if (apt == null || apt.isEmpty() || apt.length() > 3 || !apt.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return -1;
        }
        return Integer.parseInt(apt);
    }

    public Codec withRtcpFeedback(List<String> feedback) {
        return new Codec(payloadType, name, clockRate, channels, fmtp, feedback);
    }

    String rtpmapValue() {
        return payloadType + " " + name + "/" + clockRate + (channels > 0 ? "/" + channels : "");
    }

    Codec withRtpmap(String value, int line) throws SdpParseException {
        int sp = value.indexOf(' ');
        String[] enc = value.substring(sp + 1).split("/", -1);
        if (enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) {
            throw new SdpParseException(line, "rtpmap needs '<pt> <name>/<clock-rate>[/<channels>]'");
        }
        SdpSyntax.token(enc[0], line, "rtpmap encoding name");
        int clock = SdpSyntax.integer(enc[1], 1, Integer.MAX_VALUE, line, "rtpmap clock rate");
        int ch = enc.length == 3 ? SdpSyntax.integer(enc[2], 1, 255, line, "rtpmap channels") : 0;
        return new Codec(payloadType, enc[0], clock, ch, fmtp, rtcpFeedback);
    }

    Codec withFmtp(String parameters) {
        return new Codec(payloadType, name, clockRate, channels, parameters, rtcpFeedback);
    }
}
