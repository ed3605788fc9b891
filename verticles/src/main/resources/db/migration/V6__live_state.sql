-- Confero schema v6: the latest live state of each meeting (participants, lock, removals, waiting
-- room, share slots), written in the transaction of every logged mutation. A node that finds no live
-- state for a meeting in the cluster (after a restart of the only node) restores it from here, and
-- its epoch goes on from the larger of this row's and the event log's, so new events never collide
-- with old ones.
CREATE TABLE meeting_live_state (
  meeting_id  uuid PRIMARY KEY REFERENCES meetings (meeting_id) ON DELETE CASCADE,
  epoch       bigint NOT NULL,
  state       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
