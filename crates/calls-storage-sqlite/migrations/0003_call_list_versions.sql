-- Conditional reads (../shared/calls-api.md, "Conditional reads"): a call list's ETag is
-- its owner's version, a counter every write of one of its calls increments in the
-- write's own transaction (by the triggers below, so that no way of writing a call can
-- forget it). Reading it is one row, never a scan of the owner's calls.
--   contact:<id>  a contact's calls        company:<id>  a company's calls
--   all:<c>       all calls, in 16 shards by the last hex digit of the contact's id: the
--                 list of all calls is tagged by their sum, and concurrent writes (on
--                 PostgreSQL) do not all wait for one row.
CREATE TABLE call_list_versions (
    owner    TEXT    NOT NULL PRIMARY KEY,
    version  INTEGER NOT NULL
) WITHOUT ROWID;

-- Versions start again at 0 in a new database, where the same ids may exist (the demo
-- data's): a tag also names the database it came from.
CREATE TABLE database_identity (
    id  TEXT NOT NULL
);
INSERT INTO database_identity (id) VALUES (lower(hex(randomblob(16))));

CREATE TRIGGER calls_inserted AFTER INSERT ON calls BEGIN
    INSERT OR IGNORE INTO call_list_versions (owner, version)
        SELECT key, 0 FROM (SELECT 'contact:' || NEW.contact_id AS key
                            UNION ALL SELECT 'company:' || NEW.company_id
                            UNION ALL SELECT 'all:' || substr(NEW.contact_id, -1))
        WHERE key IS NOT NULL;
    UPDATE call_list_versions SET version = version + 1
        WHERE owner IN ('contact:' || NEW.contact_id, 'company:' || NEW.company_id,
                        'all:' || substr(NEW.contact_id, -1));
END;

CREATE TRIGGER calls_updated AFTER UPDATE ON calls BEGIN
    INSERT OR IGNORE INTO call_list_versions (owner, version)
        SELECT key, 0 FROM (SELECT 'contact:' || NEW.contact_id AS key
                            UNION ALL SELECT 'company:' || NEW.company_id
                            UNION ALL SELECT 'all:' || substr(NEW.contact_id, -1))
        WHERE key IS NOT NULL;
    UPDATE call_list_versions SET version = version + 1
        WHERE owner IN ('contact:' || NEW.contact_id, 'company:' || NEW.company_id,
                        'all:' || substr(NEW.contact_id, -1),
                        'contact:' || OLD.contact_id, 'company:' || OLD.company_id,
                        'all:' || substr(OLD.contact_id, -1));
END;

CREATE TRIGGER calls_deleted AFTER DELETE ON calls BEGIN
    INSERT OR IGNORE INTO call_list_versions (owner, version)
        SELECT key, 0 FROM (SELECT 'contact:' || OLD.contact_id AS key
                            UNION ALL SELECT 'company:' || OLD.company_id
                            UNION ALL SELECT 'all:' || substr(OLD.contact_id, -1))
        WHERE key IS NOT NULL;
    UPDATE call_list_versions SET version = version + 1
        WHERE owner IN ('contact:' || OLD.contact_id, 'company:' || OLD.company_id,
                        'all:' || substr(OLD.contact_id, -1));
END;
