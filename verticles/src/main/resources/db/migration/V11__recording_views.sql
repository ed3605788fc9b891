-- Confero schema v11: on-demand views of a recording (issue 15: the speaker view, made only when an
-- integrator asks). One row per (recording, view) is both the durable job and its result: 'pending'
-- while queued or running (claimed with FOR UPDATE SKIP LOCKED, leased through next_attempt_at as
-- recording_jobs are), then 'ready' with the stored MP4, or 'failed' after the last attempt. The
-- primary key makes a second request join the first instead of running it twice.
CREATE TABLE recording_views (
  recording_id    uuid NOT NULL REFERENCES recordings (recording_id) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('speaker')),
  status          text NOT NULL CHECK (status IN ('pending', 'ready', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  created_at      timestamptz NOT NULL,
  last_error      text,
  duration_ms     bigint,
  size_bytes      bigint,
  media_key       text,
  encoder         text,
  ready_at        timestamptz,
  PRIMARY KEY (recording_id, kind)
);
CREATE INDEX recording_views_due ON recording_views (next_attempt_at) WHERE status = 'pending';
