-- Ids for the rows one statement writes by the hundred thousand: the nightly jobs' movements and tier changes
-- (docs/adr/0058-nightly-jobs-ids-drawn-once-per-statement.md). loyalty_uuid_v7() draws 16 random bytes and works
-- the clock through numeric for every row: about 2.3 µs each, some 9 s of the server's processor time a night at
-- 1,000,000 members. Here the statement draws one version 7 id (its millisecond, its version and variant bits and
-- 42 random bits: the first 24 hex digits) and each row takes the row's number in the last 32 bits, about 0.4 µs.
-- Unique within a statement (the numbers, at most a range's rows, far below 2^32) and between statements (a
-- different millisecond, or the same one with 42 random bits drawn apart); in the statement's row order, so rows
-- written together stay together in the primary key, as with loyalty_uuid_v7().

CREATE FUNCTION loyalty_uuid_v7_base() RETURNS text AS $$
  SELECT left(replace(loyalty_uuid_v7()::text, '-', ''), 24)
$$ LANGUAGE sql VOLATILE;

CREATE FUNCTION loyalty_uuid_v7_of(base text, n bigint) RETURNS uuid AS $$
  SELECT (base || lpad(to_hex(n), 8, '0'))::uuid
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;
