package io.confero.signaling;

import io.confero.api.TokenService;
import io.confero.meeting.MeetingDirectory;
import io.confero.store.ChatRepository;
import io.confero.store.EventLogRepository;
import io.confero.store.MeetingRepository;
import io.micrometer.core.instrument.MeterRegistry;

/** What the composition root hands the {@link SignalingVerticle}; {@code clock} times the reconnect grace;
 * {@code homes} sends a socket that reached the wrong node to the meeting's home;
 * {@code cascade}: meetings span nodes, signaling reaches every node of a meeting. */
public record SignalingComponents(TokenService tokens, MeetingDirectory directory, MeetingRepository meetings,
    EventLogRepository events, ChatRepository chat, MeterRegistry registry, String nodeId, int sfuWorkers,
    java.time.Clock clock, io.confero.meeting.HomeDirectory homes,
    io.confero.recording.control.RecordingService recordings, boolean cascade) {}
