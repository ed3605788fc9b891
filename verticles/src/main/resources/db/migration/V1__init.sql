-- Confero schema v1: tenants and API keys, meetings, participants, the meeting event log.
CREATE TABLE tenants (
  tenant_id   text PRIMARY KEY,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
  key_id       text PRIMARY KEY,
  tenant_id    text NOT NULL REFERENCES tenants (tenant_id),
  secret_salt  bytea NOT NULL,
  secret_hash  bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz
);

-- Server-wide generated secrets (token signing key, TURN secret) shared by every cluster member.
CREATE TABLE server_secrets (
  name        text PRIMARY KEY,
  value       bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE meetings (
  meeting_id        uuid PRIMARY KEY,
  tenant_id         text NOT NULL REFERENCES tenants (tenant_id),
  join_code         text NOT NULL UNIQUE,
  title             text NOT NULL,
  type              text NOT NULL CHECK (type IN ('instant', 'scheduled')),
  status            text NOT NULL CHECK (status IN ('scheduled', 'live', 'ended')),
  start_time        timestamptz NOT NULL,
  duration_minutes  integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
  settings          jsonb NOT NULL,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  ended_at          timestamptz
);
CREATE INDEX meetings_by_tenant ON meetings (tenant_id, created_at DESC, meeting_id DESC);
CREATE INDEX meetings_by_tenant_start ON meetings (tenant_id, start_time);

CREATE TABLE participants (
  participant_id  uuid PRIMARY KEY,
  meeting_id      uuid NOT NULL REFERENCES meetings (meeting_id) ON DELETE CASCADE,
  display_name    text NOT NULL,
  role            text NOT NULL CHECK (role IN ('host', 'cohost', 'participant', 'viewer')),
  user_ref        text,
  joined_via      text NOT NULL CHECK (joined_via IN ('api', 'link')),
  created_at      timestamptz NOT NULL
);
CREATE INDEX participants_by_meeting ON participants (meeting_id);

-- Append-only log of every accepted mutation of a meeting's live state, ordered by epoch.
CREATE TABLE meeting_events (
  meeting_id  uuid NOT NULL REFERENCES meetings (meeting_id) ON DELETE CASCADE,
  epoch       bigint NOT NULL,
  type        text NOT NULL,
  payload     jsonb NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (meeting_id, epoch)
);
