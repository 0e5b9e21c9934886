-- Nightly jobs (docs/adr/0046-nightly-tiers-read-once-and-cheaper-sql-ids.md): the UUID v7 that the set-based jobs give every row
-- they write (a movement per lot, a tier change per move) cost more CPU than the rest of the row's expressions: a
-- strong random UUID (gen_random_uuid) reworked through bytea, numeric and hex text. The same layout as Ids.next
-- (48 bits of milliseconds of clock_timestamp(), version 7, 12 + 62 random bits, RFC 9562 variant) is now built
-- from two 64-bit integers, with the session's random() for the random bits: seeded from a strong random source
-- when the connection starts, as Ids.seed seeds the JVM's writers that make ids by the thousand. The primary keys
-- still refuse a duplicate.
CREATE OR REPLACE FUNCTION loyalty_uuid_v7() RETURNS uuid AS $$
  SELECT (lpad(to_hex((floor(date_part('epoch', clock_timestamp()) * 1000)::bigint << 16) | 28672
                      | floor(random() * 4096)::bigint), 16, '0')
          || lpad(to_hex((-9223372036854775808) | (floor(random() * 2147483648)::bigint << 31)
                         | floor(random() * 2147483648)::bigint), 16, '0'))::uuid
$$ LANGUAGE sql VOLATILE;
