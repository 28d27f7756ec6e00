-- Enrols the load generator's members load-0 .. load-(:members - 1) of the tenant :tenant straight in the database, for
-- bench/compare.sh: the raw baseline earns over 1,000,000 members, and so must the service, or its earns would wait
-- for each other on the few members' rows. Enrolling that many through the API would take longer than the benchmark.
--   psql -v tenant=bench -v members=1000000 -f bench/members-seed.sql DB
-- Members as the API enrols them, without the signup activity: a card number (prefix 297, apart from the random
-- ones), an external id, no contact details, their purchase count at 0. Their ledger accounts open on their first earn.
\set ON_ERROR_STOP on
BEGIN;
-- An EAN-13 card number: twelve digits and their check digit (CardNumbers).
CREATE FUNCTION pg_temp.card_number(twelve text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT twelve || ((10 - (SELECT SUM(substr(twelve, i, 1)::int * CASE WHEN i % 2 = 1 THEN 1 ELSE 3 END)
                            FROM generate_series(1, 12) i) % 10) % 10)::text
$$;
SELECT id AS tenant_id FROM tenant WHERE slug = :'tenant' \gset
CREATE TEMP TABLE seeded AS
SELECT gen_random_uuid() AS id, 'load-' || n AS external_id, pg_temp.card_number('297' || lpad(n::text, 9, '0')) AS card
FROM generate_series(0, :members - 1) n
WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.tenant_id = :'tenant_id' AND m.external_id = 'load-' || n);
INSERT INTO member (id, tenant_id, card_number, external_id, locale, marketing_consent, created_at)
SELECT id, :'tenant_id', card, external_id, 'en', FALSE, now() FROM seeded;
INSERT INTO member_activity (tenant_id, member_id, purchases) SELECT :'tenant_id', id, 0 FROM seeded;
COMMIT;
VACUUM ANALYZE member;
VACUUM ANALYZE member_activity;
