-- Conditional reads (../shared/calls-api.md, "Conditional reads"): a call list's ETag is
-- its owner's version, a counter every write of one of its calls increments in the
-- write's own transaction (by the trigger below, so that no way of writing a call can
-- forget it). Reading it is one row, never a scan of the owner's calls.
--   contact:<id>  a contact's calls        company:<id>  a company's calls
--   all:<c>       all calls, in 16 shards by the last hex digit of the contact's id: the
--                 list of all calls is tagged by their sum, so that concurrent writes
--                 for different contacts do not all wait for one row's lock.
CREATE TABLE call_list_versions (
    owner    TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    version  BIGINT NOT NULL
);

-- Versions start again at 0 in a new database, where the same ids may exist (the demo
-- data's): a tag also names the database it came from.
CREATE TABLE database_identity (
    id  TEXT NOT NULL
);
INSERT INTO database_identity (id) VALUES (md5(random()::text || clock_timestamp()::text));

CREATE FUNCTION call_list_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    keys TEXT[] := ARRAY[]::TEXT[];
BEGIN
    IF TG_OP <> 'INSERT' THEN
        keys := keys || ARRAY['contact:' || OLD.contact_id, 'company:' || OLD.company_id,
                              'all:' || right(OLD.contact_id, 1)];
    END IF;
    IF TG_OP <> 'DELETE' THEN
        keys := keys || ARRAY['contact:' || NEW.contact_id, 'company:' || NEW.company_id,
                              'all:' || right(NEW.contact_id, 1)];
    END IF;
    -- In one order, so that two writes never wait for each other's rows crosswise.
    INSERT INTO call_list_versions AS versions (owner, version)
        SELECT DISTINCT key, 1 FROM unnest(keys) AS key WHERE key IS NOT NULL ORDER BY key
        ON CONFLICT (owner) DO UPDATE SET version = versions.version + 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER calls_changed AFTER INSERT OR UPDATE OR DELETE ON calls
    FOR EACH ROW EXECUTE FUNCTION call_list_versions_bump();
