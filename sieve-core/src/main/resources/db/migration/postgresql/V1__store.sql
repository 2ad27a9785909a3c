-- Sieve's store in PostgreSQL (io.sieve.store.postgresql). Ids compare as UTF-8 bytes (COLLATE "C"),
-- as in every backend. Times are epoch milliseconds for events (an event is identified by user,
-- item, type and millisecond) and epoch nanoseconds for impressions (kept exactly).
CREATE TABLE items (
    id         text COLLATE "C" PRIMARY KEY,
    created_at bigint,
    doc        text NOT NULL
);
CREATE INDEX items_newest ON items (created_at DESC, id) WHERE created_at IS NOT NULL;

CREATE TABLE users (
    id  text COLLATE "C" PRIMARY KEY,
    doc text NOT NULL
);

CREATE TABLE events (
    user_id    text COLLATE "C" NOT NULL,
    item       text COLLATE "C" NOT NULL,
    type       text COLLATE "C" NOT NULL,
    at         bigint NOT NULL,
    value      double precision,
    request_id text,
    surface    text,
    PRIMARY KEY (user_id, item, type, at)
);
CREATE INDEX events_in_time ON events (at, user_id, item, type);
CREATE INDEX events_of_user ON events (user_id, at DESC);

CREATE TABLE impressions (
    at         bigint NOT NULL,
    request_id text COLLATE "C" NOT NULL,
    user_id    text COLLATE "C",
    doc        text NOT NULL,
    PRIMARY KEY (at, request_id)
);
CREATE INDEX impressions_of_user ON impressions (user_id, at DESC, request_id DESC) WHERE user_id IS NOT NULL;

-- Every process keeps the catalog in memory (the funnel looks up every candidate) and hears of each
-- change at commit, in commit order, through this channel (io.sieve.store.postgresql.CatalogMirror).
CREATE FUNCTION sieve_item_changed() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('sieve_items', COALESCE(NEW.id, OLD.id));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER items_changed AFTER INSERT OR UPDATE OR DELETE ON items
    FOR EACH ROW EXECUTE FUNCTION sieve_item_changed();
