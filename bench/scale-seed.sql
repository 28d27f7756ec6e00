-- Grows a Fidelis database on PostgreSQL to :members members and :postings ledger postings in all (issue 6;
-- bench/scale.sh runs it, BENCHMARKS.md "Members at scale"), with set-based inserts over generate_series:
--   psql -v tenant=bench -v members=1000000 -v postings=10000000 -v load_history=100 -f bench/scale-seed.sql DB
--
-- The database is one the service has migrated, with the tenant :tenant, its program "points" (no expiry, nothing
-- pending) and the load generator's members load-0.. already enrolled (bench/load.sh). Two streams of history:
--   l: the load generator's members, :load_history transactions each, so that their statements are long;
--   s: new members seed-0.. up to :members, sharing the rest of the postings round-robin.
-- Each member's transactions alternate like a shop's: four earns for a purchase (ISSUANCE -> AVAILABLE, a lot, a purchase
-- row) then an operator's debit (AVAILABLE -> ADJUSTMENT) that uses up the member's oldest open lot whole, as the
-- ledger's soonest-expiring-first rule does when nothing expires. Every row follows from the stream and the position in
-- it, so the tables are filled one after the other with no join on what was written, and in time order (ids are
-- version-7 UUIDs of the transaction's time, as io.fidelis.shared.Ids makes them): each index grows at its end or
-- walks its pages in order. The history lies between two years and one hour before the seed, before anything the
-- service wrote itself. Account totals are the sums of the postings, the open lots hold the available balance, each
-- member's purchase count is its number of purchases: the program's reconciliation finds nothing to report.
-- Left out, as the balance read and the earn do not read them: purchase lines, tier activity (the program has no tier
-- ladder), the signup activities of enrolment, the idempotency keys of the requests that would have made this history.
\set ON_ERROR_STOP on
\timing on
BEGIN;
-- PERF: foreign keys are checked once at the end, set-based, rather than row by row (which took 60 % of the inserts'
-- time): their triggers are off for this transaction, as pg_restore --disable-triggers does.
SET LOCAL session_replication_role = replica;

-- The id of a member's account (LedgerAccounts.id): UUID.nameUUIDFromBytes, an MD5 name-based UUID (version 3).
CREATE FUNCTION pg_temp.account_id(program uuid, member uuid, kind text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(set_byte(set_byte(b, 6, (get_byte(b, 6) & 15) | 48), 8, (get_byte(b, 8) & 63) | 128), 'hex')::uuid
    FROM (SELECT decode(md5('fidelis:account:' || program || ':' || COALESCE(member::text, 'system') || ':' || kind),
                        'hex') AS b) name
$$;
-- A version-7 UUID of the instant ms (milliseconds since the epoch), its other bits an MD5 of the name.
CREATE FUNCTION pg_temp.seed_id(ms bigint, name text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
    SELECT (lpad(to_hex(ms), 12, '0') || '7' || overlay(left(md5(name), 19) PLACING '8' FROM 4 FOR 1))::uuid
$$;
-- An EAN-13 card number in the prefix 29 (CardNumbers): twelve digits and their check digit.
CREATE FUNCTION pg_temp.card_number(twelve text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT twelve || ((10 - (SELECT SUM(substr(twelve, i, 1)::int * CASE WHEN i % 2 = 1 THEN 1 ELSE 3 END)
                            FROM generate_series(1, 12) i) % 10) % 10)::text
$$;
-- The points of a member's e-th earn (1-based): 1 to 150, spread by the member's key.
CREATE FUNCTION pg_temp.points(member_key bigint, earn bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
    SELECT 1 + (member_key * 7919 + earn * 104729) % 150
$$;

SELECT t.id AS tenant_id, p.id AS program_id, p.currency,
       pg_temp.account_id(p.id, NULL, 'ISSUANCE') AS issuance, pg_temp.account_id(p.id, NULL, 'ADJUSTMENT') AS adjustment,
       (floor(extract(epoch FROM now()) * 1000) - 3600 * 1000)::bigint AS history_end_ms,
       (SELECT COUNT(*) FROM member WHERE tenant_id = t.id) AS members_before,
       (SELECT COUNT(*) FROM ledger_posting) AS postings_before,
       COALESCE((SELECT id::text FROM earning_rule WHERE tenant_id = t.id AND program_id = p.id AND active
                 ORDER BY created_at, id LIMIT 1), '') AS base_rule
FROM tenant t JOIN program p ON p.tenant_id = t.id AND p.code = 'points'
WHERE t.slug = :'tenant' \gset
SELECT (:history_end_ms - 730::bigint * 86400 * 1000) AS history_start_ms \gset

-- Who gets history: the load generator's members as they are, then the new members to enrol.
CREATE TEMP TABLE seed_member (
    stream      CHAR(1) NOT NULL,
    idx         INTEGER NOT NULL,      -- position of the member in its stream
    member_key  BIGINT  NOT NULL,      -- spreads the amounts
    member_id   UUID    NOT NULL,
    account_id  UUID    NOT NULL,
    enrolled_ms BIGINT  NOT NULL,
    PRIMARY KEY (stream, idx)
);
INSERT INTO seed_member
SELECT 'l', row_number() OVER (ORDER BY substr(external_id, 6)::int) - 1, substr(external_id, 6)::int, id,
       pg_temp.account_id(:'program_id', id, 'AVAILABLE'), 0
FROM member WHERE tenant_id = :'tenant_id' AND external_id ~ '^load-[0-9]+$';
SELECT COUNT(*) AS load_members FROM seed_member \gset
SELECT :members - :members_before AS new_members,
       :load_members::bigint * :load_history AS load_transactions,
       :postings - :postings_before - :load_members::bigint * :load_history AS new_transactions \gset
SELECT :new_members > 0 AND :new_transactions >= :new_members AS something_to_seed \gset
\if :something_to_seed
\else
    \echo 'nothing to seed: the database has' :members_before 'members and' :postings_before 'postings already'
    ROLLBACK;
    \quit
\endif
-- New members enrolled over the year before their history starts, in the order of their index.
INSERT INTO seed_member
SELECT 's', idx, 1000000 + idx, pg_temp.seed_id(ms, 'm' || idx),
       pg_temp.account_id(:'program_id', pg_temp.seed_id(ms, 'm' || idx), 'AVAILABLE'), ms
FROM generate_series(0, :new_members - 1) idx,
     LATERAL (SELECT :history_start_ms - 365::bigint * 86400 * 1000 + idx * (365::bigint * 86400 * 1000 / :new_members)
              AS ms) enrolled;

-- Each stream: its members, its transactions, spread evenly over the two years.
CREATE TEMP TABLE seed_stream (stream CHAR(1) PRIMARY KEY, members BIGINT NOT NULL, transactions BIGINT NOT NULL);
INSERT INTO seed_stream VALUES ('l', :load_members, :load_transactions), ('s', :new_members, :new_transactions);
DELETE FROM seed_stream WHERE members = 0 OR transactions = 0;

-- What each member's history sums to: n transactions, of which n / 5 debits; earns first to last.
CREATE TEMP TABLE seed_total AS
SELECT m.*, n.transactions, n.transactions - n.transactions / 5 AS earns,
       (SELECT SUM(pg_temp.points(m.member_key, e)) FROM generate_series(1, n.transactions - n.transactions / 5) e)
           AS credits,
       COALESCE((SELECT SUM(pg_temp.points(m.member_key, e)) FROM generate_series(1, n.transactions / 5) e), 0)
           AS debits
FROM seed_member m JOIN seed_stream s ON s.stream = m.stream,
     LATERAL (SELECT s.transactions / s.members + CASE WHEN m.idx < s.transactions % s.members THEN 1 ELSE 0 END
              AS transactions) n;
ALTER TABLE seed_total ADD PRIMARY KEY (stream, idx);
ANALYZE seed_member;
ANALYZE seed_stream;
ANALYZE seed_total;

\echo 'members'
INSERT INTO member (id, tenant_id, card_number, external_id, locale, marketing_consent, created_at)
SELECT m.member_id, :'tenant_id',
       -- 299..., or 298... where an enrolled member drew that number at random
       CASE WHEN EXISTS (SELECT 1 FROM member x WHERE x.tenant_id = :'tenant_id' AND x.card_number = c.card)
            THEN pg_temp.card_number('298' || lpad(m.idx::text, 9, '0')) ELSE c.card END,
       'seed-' || m.idx, 'en', FALSE, to_timestamp(m.enrolled_ms / 1000.0)
FROM seed_member m, LATERAL (SELECT pg_temp.card_number('299' || lpad(m.idx::text, 9, '0')) AS card) c
WHERE m.stream = 's' ORDER BY m.idx;
ANALYZE member;

\echo 'member activity (purchases counted) and accounts (totals of the postings to come)'
INSERT INTO member_activity (tenant_id, member_id, purchases)
SELECT :'tenant_id', member_id, earns FROM seed_total ORDER BY stream, idx
ON CONFLICT (tenant_id, member_id) DO UPDATE SET purchases = member_activity.purchases + excluded.purchases;
INSERT INTO ledger_account (id, tenant_id, program_id, member_id, kind, credits_posted, debits_posted, created_at)
SELECT t.account_id, :'tenant_id', :'program_id', t.member_id, 'AVAILABLE', t.credits, t.debits,
       to_timestamp(:history_start_ms / 1000.0)
FROM seed_total t ORDER BY t.stream, t.idx
ON CONFLICT (id) DO UPDATE SET credits_posted = ledger_account.credits_posted + excluded.credits_posted,
                               debits_posted = ledger_account.debits_posted + excluded.debits_posted;

-- Every transaction of the history, in time order within its stream: its member, its 1-based place in the member's
-- history (seq), its instant; an earn is the member's earn-th; a debit uses up the lot of the member's
-- (seq / 5)-th earn, made at the position lot_position.
CREATE TEMP VIEW seed_history AS
SELECT s.stream, k, t.member_key, t.member_id, t.account_id, p.seq, t.transactions,
       p.seq % 5 = 0 AS debit,
       p.seq - p.seq / 5 AS earn,
       :history_start_ms + k * (:history_end_ms - :history_start_ms) / s.transactions AS ms,
       -- the (seq / 5)-th earn's own seq is e + (e - 1) / 4, which gives its position and its instant
       :history_start_ms + lot.position * (:history_end_ms - :history_start_ms) / s.transactions AS lot_ms,
       lot.position AS lot_position
FROM seed_stream s,
     generate_series(0, s.transactions - 1) k,
     LATERAL (SELECT k / s.members + 1 AS seq, k % s.members AS idx) p,
     LATERAL (SELECT (p.seq / 5 + (p.seq / 5 - 1) / 4 - 1) * s.members + p.idx AS position) lot,
     seed_total t
WHERE t.stream = s.stream AND t.idx = p.idx;
-- PERF: a nested loop over the positions keeps the time order (the planner would rather hash them).
SET LOCAL enable_hashjoin = off;
SET LOCAL enable_mergejoin = off;

\echo 'ledger transactions'
INSERT INTO ledger_transaction (id, tenant_id, program_id, member_id, kind, reference, occurred_at, created_at,
                                explanation)
SELECT pg_temp.seed_id(h.ms, 't' || h.stream || h.k), :'tenant_id', :'program_id', h.member_id,
       CASE WHEN h.debit THEN 'ADJUSTMENT' ELSE 'EARN' END,
       CASE WHEN h.debit THEN 'seed-adjustment-' ELSE 'seed-' END || h.stream || '-' || lpad(h.k::text, 9, '0'),
       to_timestamp(h.ms / 1000.0), to_timestamp(h.ms / 1000.0),
       CASE WHEN h.debit THEN
           '{"code":"adjustment.debit","details":{"points":"' || pg_temp.points(h.member_key, h.seq / 5)
           || '","reason":"Seeded history","unit":"points"},"lines":[]}'
       ELSE
           '{"code":"earn.purchase","details":{"amount":"' || pg_temp.points(h.member_key, h.earn) || '.'
           || lpad(((h.member_key + h.earn) % 100)::text, 2, '0') || ' ' || :'currency' || '","points":"'
           || pg_temp.points(h.member_key, h.earn) || '","unit":"points"},"lines":['
           || CASE WHEN :'base_rule' = '' THEN '' ELSE
                  '{"ruleId":"' || :'base_rule' || '","rule":"Base points","version":1,"fired":true,"points":'
                  || pg_temp.points(h.member_key, h.earn) || ',"computation":"' || pg_temp.points(h.member_key, h.earn)
                  || '.' || lpad(((h.member_key + h.earn) % 100)::text, 2, '0') || ' ' || :'currency'
                  || ' × 1 per 1, rounded down = ' || pg_temp.points(h.member_key, h.earn) || '","reason":null}'
              END || ']}'
       END
FROM seed_history h;

\echo 'ledger postings'
INSERT INTO ledger_posting (transaction_id, line, tenant_id, source_account_id, destination_account_id, amount)
SELECT pg_temp.seed_id(h.ms, 't' || h.stream || h.k), 0, :'tenant_id',
       CASE WHEN h.debit THEN h.account_id ELSE :'issuance' END,
       CASE WHEN h.debit THEN :'adjustment' ELSE h.account_id END,
       pg_temp.points(h.member_key, CASE WHEN h.debit THEN h.seq / 5 ELSE h.earn END)
FROM seed_history h;

\echo 'lots: one per earn, used up when a debit took it'
INSERT INTO ledger_lot (id, tenant_id, program_id, account_id, origin_transaction_id, amount, remaining, earned_at)
SELECT pg_temp.seed_id(h.ms, 'l' || h.stream || h.k), :'tenant_id', :'program_id', h.account_id,
       pg_temp.seed_id(h.ms, 't' || h.stream || h.k), pg_temp.points(h.member_key, h.earn),
       CASE WHEN 5 * h.earn <= h.transactions THEN 0 ELSE pg_temp.points(h.member_key, h.earn) END,
       to_timestamp(h.ms / 1000.0)
FROM seed_history h WHERE NOT h.debit;

\echo 'lot uses: what each debit took'
INSERT INTO ledger_lot_use (transaction_id, lot_id, tenant_id, amount)
SELECT pg_temp.seed_id(h.ms, 't' || h.stream || h.k), pg_temp.seed_id(h.lot_ms, 'l' || h.stream || h.lot_position),
       :'tenant_id', pg_temp.points(h.member_key, h.seq / 5)
FROM seed_history h WHERE h.debit;

\echo 'purchases: the one behind each earn'
INSERT INTO purchase (id, tenant_id, transaction_id, member_id, occurred_at, amount_minor, currency, created_at)
SELECT pg_temp.seed_id(h.ms, 'p' || h.stream || h.k), :'tenant_id', 'seed-' || h.stream || '-' || lpad(h.k::text, 9, '0'),
       h.member_id, to_timestamp(h.ms / 1000.0),
       pg_temp.points(h.member_key, h.earn) * 100 + (h.member_key + h.earn) % 100, :'currency',
       to_timestamp(h.ms / 1000.0)
FROM seed_history h WHERE NOT h.debit;

\echo 'foreign keys: rows without the row they refer to, per constraint (all 0)'
SET LOCAL work_mem = '1GB';
SET LOCAL enable_hashjoin = on;
SET LOCAL enable_mergejoin = on;
CREATE TEMP TABLE seed_check AS
SELECT 'member.tenant_id' AS foreign_key,
       (SELECT COUNT(*) FROM member m WHERE NOT EXISTS (SELECT 1 FROM tenant t WHERE t.id = m.tenant_id)) AS orphans
UNION ALL SELECT 'ledger_account.program_id', (SELECT COUNT(*) FROM ledger_account a
    WHERE NOT EXISTS (SELECT 1 FROM program p WHERE p.id = a.program_id))
UNION ALL SELECT 'ledger_transaction.program_id', (SELECT COUNT(*) FROM ledger_transaction t
    WHERE NOT EXISTS (SELECT 1 FROM program p WHERE p.id = t.program_id))
UNION ALL SELECT 'ledger_posting.transaction_id', (SELECT COUNT(*) FROM ledger_posting p
    WHERE NOT EXISTS (SELECT 1 FROM ledger_transaction t WHERE t.id = p.transaction_id))
UNION ALL SELECT 'ledger_posting.source_account_id', (SELECT COUNT(*) FROM ledger_posting p
    WHERE NOT EXISTS (SELECT 1 FROM ledger_account a WHERE a.id = p.source_account_id))
UNION ALL SELECT 'ledger_posting.destination_account_id', (SELECT COUNT(*) FROM ledger_posting p
    WHERE NOT EXISTS (SELECT 1 FROM ledger_account a WHERE a.id = p.destination_account_id))
UNION ALL SELECT 'ledger_lot.program_id', (SELECT COUNT(*) FROM ledger_lot l
    WHERE NOT EXISTS (SELECT 1 FROM program p WHERE p.id = l.program_id))
UNION ALL SELECT 'ledger_lot.account_id', (SELECT COUNT(*) FROM ledger_lot l
    WHERE NOT EXISTS (SELECT 1 FROM ledger_account a WHERE a.id = l.account_id))
UNION ALL SELECT 'ledger_lot.origin_transaction_id', (SELECT COUNT(*) FROM ledger_lot l
    WHERE NOT EXISTS (SELECT 1 FROM ledger_transaction t WHERE t.id = l.origin_transaction_id))
UNION ALL SELECT 'ledger_lot_use.transaction_id', (SELECT COUNT(*) FROM ledger_lot_use u
    WHERE NOT EXISTS (SELECT 1 FROM ledger_transaction t WHERE t.id = u.transaction_id))
UNION ALL SELECT 'ledger_lot_use.lot_id', (SELECT COUNT(*) FROM ledger_lot_use u
    WHERE NOT EXISTS (SELECT 1 FROM ledger_lot l WHERE l.id = u.lot_id));
TABLE seed_check;
SELECT SUM(orphans) = 0 AS keys_hold FROM seed_check \gset
\if :keys_hold
\else
    DO $$ BEGIN RAISE EXCEPTION 'a foreign key does not hold (see above): the seed is rolled back'; END $$;
\endif
COMMIT;
