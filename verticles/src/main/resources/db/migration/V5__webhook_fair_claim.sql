-- Confero schema v5: the delivery worker claims due deliveries endpoint by endpoint (at most a few
-- in flight per endpoint, so one slow receiver cannot take every slot); this index serves that
-- per-endpoint "oldest due first" scan without reading the endpoint's whole backlog.
CREATE INDEX webhook_deliveries_endpoint_due ON webhook_deliveries (endpoint_id, next_attempt_at, delivery_id)
  WHERE status = 'pending';
