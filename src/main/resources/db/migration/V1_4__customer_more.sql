-- Name order for customer lists: the display name folded like the search tokens (lower case,
-- accents removed, see NameFolding), so "Álvaro" sorts with "alvaro" and not after "z".
-- Writers fill it with NameFolding.fold(display_name); rows written without it fall back to
-- lower(display_name) here.
ALTER TABLE customer ADD COLUMN sort_name TEXT COLLATE "C";
UPDATE customer SET sort_name = lower(display_name) WHERE sort_name IS NULL;
CREATE INDEX customer_sort_name_idx ON customer (sort_name, id) WHERE status = 'ACTIVE';
CREATE INDEX customer_created_idx ON customer (created_at, id) WHERE status = 'ACTIVE';
CREATE INDEX customer_updated_idx ON customer (updated_at, id) WHERE status = 'ACTIVE';
