-- Look-ups that read a whole table where an index should answer (docs/adr/0066-console-and-audit-look-ups-by-index.md).

-- 1. The console's customer list sorted by stage (and filtered by stage, sorted by name) walks this index in its
--    order; it replaces the index of the stage alone, which still serves the counts by stage.
DROP INDEX customer_stage_idx;
CREATE INDEX customer_stage_idx ON customer (lifecycle_stage, sort_name, id) WHERE status = 'ACTIVE';

-- 2. The tags in use (the console list's tag filter) read only the customers that have a tag.
CREATE INDEX customer_tagged_idx ON customer (id) WHERE status = 'ACTIVE' AND tags <> '{}';

-- 3. Erasure finds every account of a customer whatever its status (the members' index covers active ones only).
CREATE INDEX loyalty_account_customer_idx ON loyalty_account (customer_id);

-- 4. The audit log's actor filter matches the actor's id or, whatever the case, the actor's name.
CREATE INDEX audit_event_actor_name_idx ON audit_event (lower(actor_name), occurred_at DESC);
