-- Adds anonymous purchases to a database that bench/scale-seed.sql grew (bench/analytics-scale.sh runs it; BENCHMARKS.md
-- "The program's numbers at scale"), so that the tenant :tenant holds :purchases purchases in all:
--   psql -v tenant=bench -v purchases=10000000 -v stores=50 -f bench/analytics-seed.sql DB
-- The seeded members' purchases (one per earn) have no store; the anonymous ones, the non-member side of the KPIs, are
-- spread evenly over the same two years as the members' history and round-robin over :stores stores (store-0..), with
-- amounts from 5.00 to 104.99. Ids are version-7 UUIDs of each purchase's time, inserted in time order, as the
-- members' history is.
\set ON_ERROR_STOP on
\timing on
BEGIN;
CREATE FUNCTION pg_temp.seed_id(ms bigint, name text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
    SELECT (lpad(to_hex(ms), 12, '0') || '7' || overlay(left(md5(name), 19) PLACING '8' FROM 4 FOR 1))::uuid
$$;
SELECT t.id AS tenant_id, p.currency,
       (SELECT COUNT(*) FROM purchase WHERE tenant_id = t.id) AS purchases_before,
       (SELECT floor(extract(epoch FROM MIN(occurred_at)) * 1000)::bigint FROM purchase WHERE tenant_id = t.id) AS start_ms,
       (SELECT floor(extract(epoch FROM MAX(occurred_at)) * 1000)::bigint FROM purchase WHERE tenant_id = t.id) AS end_ms
FROM tenant t JOIN program p ON p.tenant_id = t.id AND p.code = 'points'
WHERE t.slug = :'tenant' \gset
SELECT :purchases - :purchases_before AS anonymous \gset
\echo 'anonymous purchases to add:' :anonymous
INSERT INTO purchase (id, tenant_id, transaction_id, member_id, occurred_at, amount_minor, currency, store_id,
                      channel, created_at)
SELECT pg_temp.seed_id(ms, 'a' || n), :'tenant_id', 'anonymous-' || lpad(n::text, 9, '0'), NULL,
       to_timestamp(ms / 1000.0), 500 + (n * 7919) % 10000, :'currency', 'store-' || (n % :stores), 'store',
       to_timestamp(ms / 1000.0)
FROM generate_series(0::bigint, :anonymous - 1) n,
     LATERAL (SELECT :start_ms + n * ((:end_ms - :start_ms) / GREATEST(:anonymous, 1)) AS ms) at;
COMMIT;
