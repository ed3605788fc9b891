package io.confero.api;

import io.confero.store.ApiKeyRepository;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.sqlclient.Pool;
import java.util.function.Supplier;

/** What the composition root hands the {@link ApiVerticle}; {@code homes} picks the signaling URL of a join. */
public record ApiComponents(MeetingService meetings, TokenService tokens, ApiKeyRepository apiKeys,
    RateLimiter rateLimiter, IceServers iceServers, Pool pool, Supplier<Boolean> clusterSafe,
    PrometheusMeterRegistry registry, io.confero.webhook.WebhookStore webhooks, RateLimiter webCreateLimiter,
    io.confero.meeting.HomeDirectory homes, io.confero.recording.control.RecordingService recordings,
    io.confero.recording.store.RecordingStore recordingStore) {}
