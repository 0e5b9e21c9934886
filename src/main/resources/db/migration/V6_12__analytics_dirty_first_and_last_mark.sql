-- A customer's mark keeps when it was first made (marked_at, indexed: the incremental update takes the oldest
-- first) and when it was last made (last_marked_at, not indexed: a full run clears the marks made before it
-- started). A new mark of a marked customer changes last_marked_at only, so the update stays on its page with no
-- new index entries (a HOT update); the room for it is kept free on every page (docs/adr/0075).
ALTER TABLE analytics_dirty ADD COLUMN last_marked_at timestamptz;
UPDATE analytics_dirty SET last_marked_at = marked_at;
ALTER TABLE analytics_dirty ALTER COLUMN last_marked_at SET NOT NULL;
ALTER TABLE analytics_dirty SET (fillfactor = 50);
