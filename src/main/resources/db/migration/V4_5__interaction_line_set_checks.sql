-- Bulk loading (ADR 0016): the two foreign keys of interaction_line were checked row by row, one
-- trigger call per line and key, which cost more than copying, indexing and merging the lines
-- together. Both facts are now established once per statement instead:
--  * every writer inserts the lines of an interaction with the interaction, in one transaction, from
--    the rows it has just inserted (the API path from the ids it wrote, the imports and the bulk
--    writer through a join with the ids their INSERT ... ON CONFLICT returned); interactions are
--    never deleted;
--  * SKUs are checked against the catalogue before writing (the API's rules for API writes and
--    imports, one anti-join per chunk in the bulk writer); products are never deleted.
ALTER TABLE interaction_line DROP CONSTRAINT IF EXISTS interaction_line_interaction_id_fkey;
ALTER TABLE interaction_line DROP CONSTRAINT IF EXISTS interaction_line_sku_fkey;
