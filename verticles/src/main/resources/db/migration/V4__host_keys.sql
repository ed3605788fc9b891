-- Confero schema v4: the host key of meetings created from the home page (POST /web/meetings).
-- Only the SHA-256 of the key is stored (the key is 32 random bytes, shown once to its creator);
-- NULL for meetings created through the API, whose hosts join through POST /api/v1/meetings/{id}/join.
ALTER TABLE meetings ADD COLUMN host_key_hash bytea
  CHECK (host_key_hash IS NULL OR octet_length(host_key_hash) = 32);
