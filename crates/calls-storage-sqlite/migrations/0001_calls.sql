-- Users who hold API tokens; a token is stored only as its SHA-256.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    first_name    TEXT    NOT NULL,
    last_name     TEXT    NOT NULL,
    token_sha256  TEXT    NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL
);

CREATE TABLE companies (
    id    TEXT PRIMARY KEY,
    name  TEXT NOT NULL
);

CREATE TABLE contacts (
    id            TEXT PRIMARY KEY,
    first_name    TEXT NOT NULL,
    last_name     TEXT NOT NULL,
    company_id    TEXT REFERENCES companies (id),
    phone_number  TEXT NOT NULL DEFAULT ''
);

CREATE INDEX contacts_by_company ON contacts (company_id, last_name, first_name, id);
CREATE INDEX contacts_by_name ON contacts (last_name, first_name, id);

-- Times are Unix milliseconds; `date` is YYYY-MM-DD so that text order is date order.
-- `company_id` is the contact's company, copied when the call is created, so that a
-- company's timeline is one range of an index rather than a join and a sort.
CREATE TABLE calls (
    id              TEXT    NOT NULL PRIMARY KEY,
    contact_id      TEXT    NOT NULL REFERENCES contacts (id),
    company_id      TEXT,
    date            TEXT    NOT NULL,
    call_result     TEXT    NOT NULL,
    text            TEXT    NOT NULL,
    called_via      TEXT    NOT NULL,
    phone_number    TEXT    NOT NULL,
    author          TEXT    NOT NULL,
    recording_link  TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    modified_at     INTEGER NOT NULL
);

-- One index per timeline, in the contract's order: date, then creation, then id, newest first.
CREATE INDEX calls_contact_timeline ON calls (contact_id, date DESC, created_at DESC, id DESC);
CREATE INDEX calls_company_timeline ON calls (company_id, date DESC, created_at DESC, id DESC);
CREATE INDEX calls_timeline ON calls (date DESC, created_at DESC, id DESC);
CREATE INDEX calls_by_modified ON calls (modified_at);
CREATE INDEX calls_by_created ON calls (created_at);
