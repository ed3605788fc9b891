-- Confero schema v2: webhook endpoints, the transactional outbox of domain events, and deliveries.

-- A tenant's webhook receivers. The secret signs deliveries (HMAC-SHA256), so it is kept readable;
-- during a rotation the previous secret keeps signing until previous_secret_until.
CREATE TABLE webhook_endpoints (
  endpoint_id            uuid PRIMARY KEY,
  tenant_id              text NOT NULL REFERENCES tenants (tenant_id),
  url                    text NOT NULL,
  events                 text[] NOT NULL,
  secret                 text NOT NULL,
  previous_secret        text,
  previous_secret_until  timestamptz,
  created_at             timestamptz NOT NULL
);
CREATE INDEX webhook_endpoints_by_tenant ON webhook_endpoints (tenant_id, created_at);

-- The outbox: one row per domain event, written in the transaction of the change that caused it.
-- meeting_id is null for events about no meeting (webhook.test). analytics_at marks Kafka hand-off.
CREATE TABLE webhook_events (
  event_id      uuid PRIMARY KEY,
  tenant_id     text NOT NULL,
  type          text NOT NULL,
  meeting_id    uuid,
  occurred_at   timestamptz NOT NULL,
  payload       jsonb NOT NULL,
  seq           bigserial NOT NULL,
  analytics_at  timestamptz
);
CREATE INDEX webhook_events_analytics_pending ON webhook_events (seq) WHERE analytics_at IS NULL;

-- One row per (event, endpoint): the delivery queue. Ordered per (endpoint, ordering_key) by delivery_id.
CREATE TABLE webhook_deliveries (
  delivery_id      bigserial PRIMARY KEY,
  event_id         uuid NOT NULL REFERENCES webhook_events (event_id) ON DELETE CASCADE,
  endpoint_id      uuid NOT NULL REFERENCES webhook_endpoints (endpoint_id) ON DELETE CASCADE,
  ordering_key     text NOT NULL,
  status           text NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  created_at       timestamptz NOT NULL,
  delivered_at     timestamptz,
  last_status      integer,
  last_error       text,
  UNIQUE (event_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (endpoint_id, ordering_key, delivery_id)
  WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, delivery_id DESC);
