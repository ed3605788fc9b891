package io.confero.recording.format;

import java.util.Objects;

/** One record of a recording file ({@code docs/recording-format.md} §4). */
public sealed interface TrackRecord {
  /** When the record was captured, microseconds since the Unix epoch. */
  long atMicros();

  /** An RTP packet (RFC 3550 §5.1, SRTP already removed) as it arrived. */
  record Rtp(long atMicros, byte[] packet) implements TrackRecord {
    public Rtp {
      Objects.requireNonNull(packet, "packet");
    }
  }

  /** The sender-report fields that map the track's RTP clock to NTP time (RFC 3550 §6.4.1). */
  record SenderReport(long atMicros, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount)
      implements TrackRecord {
  }

  /** A meeting event about one participant. */
  record Event(long atMicros, MeetingEventType type, String participantId, String text) implements TrackRecord {
    public Event {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(participantId, "participantId");
      Objects.requireNonNull(text, "text");
    }
  }
}
