-- Confero schema v10: server-side recordings (issue 15) and their durable compositing queue.
-- A recording is 'recording' while tracks are captured, 'processing' once stopped (a job row exists
-- until it is composited or given up), then 'ready' or 'failed'. 'partial' marks a recording whose
-- capture was cut short by a crash of its node.
CREATE TABLE recordings (
  recording_id    uuid PRIMARY KEY,
  meeting_id      uuid NOT NULL REFERENCES meetings (meeting_id) ON DELETE CASCADE,
  tenant_id       text NOT NULL,
  status          text NOT NULL CHECK (status IN ('recording', 'processing', 'ready', 'failed')),
  started_by      text NOT NULL,
  node_id         text NOT NULL,
  started_at      timestamptz NOT NULL,
  stopped_at      timestamptz,
  stopped_by      text,
  partial         boolean NOT NULL DEFAULT false,
  duration_ms     bigint,
  size_bytes      bigint,
  media_key       text,
  encoder         text,
  error           text,
  track_failures  jsonb NOT NULL DEFAULT '[]',
  ready_at        timestamptz,
  raw_deleted_at  timestamptz
);
-- at most one recording in progress per meeting
CREATE UNIQUE INDEX recordings_one_active ON recordings (meeting_id) WHERE status = 'recording';
CREATE INDEX recordings_by_meeting ON recordings (meeting_id, started_at DESC);
CREATE INDEX recordings_raw_retention ON recordings (stopped_at) WHERE raw_deleted_at IS NULL AND status IN ('ready', 'failed');

CREATE TABLE recording_jobs (
  recording_id    uuid PRIMARY KEY REFERENCES recordings (recording_id) ON DELETE CASCADE,
  status          text NOT NULL CHECK (status IN ('pending', 'done', 'dead')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  created_at      timestamptz NOT NULL,
  last_error      text
);
CREATE INDEX recording_jobs_due ON recording_jobs (next_attempt_at) WHERE status = 'pending';
