-- Idempotency keys (../shared/calls-api.md, "Idempotent writes"), per user. A row is made
-- when the first request with a key starts (`status` NULL: in flight, claimed at
-- `claimed_at`); the answer is written into it in the same transaction as the write it
-- answers. A claim whose request died before answering is taken over after a lease.
CREATE TABLE idempotency_keys (
    user_id      INTEGER NOT NULL REFERENCES users (id),
    key          TEXT    NOT NULL,
    fingerprint  TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    claimed_at   INTEGER NOT NULL,
    status       INTEGER,
    body         BLOB,
    PRIMARY KEY (user_id, key)
) WITHOUT ROWID;

CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
