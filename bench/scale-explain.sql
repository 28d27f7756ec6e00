-- The statements of a balance read (GET /members/{id}/balances), of an earn (POST /events, a purchase) and of the
-- first page of a statement, as the service sends them (found with log_statement = 'all'), explained with their run
-- time and buffers for one of the load generator's members (bench/scale.sh, BENCHMARKS.md "Members at scale"):
--   psql -v tenant=bench -v key=fid_... -v member=load-42 -f bench/scale-explain.sql DB
-- The service's statements are prepared, and a prepared statement may settle on a generic plan, made without the
-- parameters' values: these are generic plans (plan_cache_mode = force_generic_plan), good for any member. The
-- earn's writes run in a transaction that is rolled back.
\set ON_ERROR_STOP on
\pset pager off
SELECT t.id AS tenant_id, p.id AS program_id, m.id AS member_id, a.id AS account_id, i.id AS issuance_id,
       encode(sha256(convert_to(:'key', 'UTF8')), 'hex') AS key_hash,
       (SELECT id FROM earning_rule r WHERE r.tenant_id = t.id AND r.program_id = p.id ORDER BY created_at LIMIT 1)
           AS rule_id
FROM tenant t
     JOIN program p ON p.tenant_id = t.id AND p.code = 'points'
     JOIN member m ON m.tenant_id = t.id AND m.external_id = :'member'
     JOIN ledger_account a ON a.member_id = m.id AND a.program_id = p.id AND a.kind = 'AVAILABLE'
     JOIN ledger_account i ON i.member_id IS NULL AND i.program_id = p.id AND i.kind = 'ISSUANCE'
WHERE t.slug = :'tenant' \gset
SET plan_cache_mode = force_generic_plan;
\set explain 'EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)'

\echo '==== balance read'
\echo '-- the API key'
PREPARE api_key(text) AS SELECT id, tenant_id, scopes, store_id FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL;
:explain EXECUTE api_key(:'key_hash');
\echo '-- the member'
PREPARE member_by_id(uuid, uuid) AS
SELECT id, tenant_id, card_number, external_id, email, phone, first_name, last_name, birth_date, locale,
       marketing_consent, created_at FROM member WHERE tenant_id = $1 AND id = $2;
:explain EXECUTE member_by_id(:'tenant_id', :'member_id');
\echo '-- the balances: the accounts totals'
PREPARE balances(uuid, uuid) AS
SELECT program_id, kind, credits_posted - debits_posted AS balance FROM ledger_account
WHERE tenant_id = $1 AND member_id = $2;
:explain EXECUTE balances(:'tenant_id', :'member_id');
\echo '-- the next expiry: the open lots of the available account'
PREPARE expiring_next(uuid, uuid) AS
SELECT l.program_id, l.expires_at, SUM(l.remaining) AS amount
FROM ledger_account a JOIN ledger_lot l ON l.account_id = a.id
WHERE a.tenant_id = $1 AND a.member_id = $2 AND a.kind = 'AVAILABLE'
AND l.remaining > 0 AND l.expires_at IS NOT NULL
GROUP BY l.program_id, l.expires_at
ORDER BY l.expires_at;
:explain EXECUTE expiring_next(:'tenant_id', :'member_id');
\echo '-- the programs of the tenant'
PREPARE programs(uuid) AS
SELECT id, tenant_id, code, name, kind, currency, unit_value, expiry_policy, expiry_period,
       expiry_warning_days, pending_days, allow_negative_balance, time_zone, created_at, updated_at
FROM program WHERE tenant_id = $1 ORDER BY code;
:explain EXECUTE programs(:'tenant_id');

\echo '==== earn (a purchase of 12.50 EUR; rolled back)'
BEGIN;
SELECT 'explain-' || gen_random_uuid() AS reference, now() AS now, gen_random_uuid() AS purchase_id,
       gen_random_uuid() AS transaction_id, gen_random_uuid() AS lot_id \gset
\echo '-- the request key'
PREPARE claim_key(uuid, text, text, timestamptz) AS
INSERT INTO idempotency_key (tenant_id, idempotency_key, request_hash, created_at) VALUES ($1, $2, $3, $4)
ON CONFLICT DO NOTHING;
:explain EXECUTE claim_key(:'tenant_id', :'reference', repeat('0', 64), :'now');
\echo '-- the member by their external id'
PREPARE member_by_external_id(uuid, text) AS
SELECT id, tenant_id, card_number, external_id, email, phone, first_name, last_name, birth_date, locale,
       marketing_consent, created_at FROM member WHERE tenant_id = $1 AND external_id = $2;
:explain EXECUTE member_by_external_id(:'tenant_id', :'member');
\echo '-- the purchase and its line'
PREPARE purchase(uuid, uuid, text, uuid, timestamptz, bigint, text, text, text, timestamptz) AS
INSERT INTO purchase (id, tenant_id, transaction_id, member_id, occurred_at, amount_minor, currency, store_id, channel,
                      created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10);
:explain EXECUTE purchase(:'purchase_id', :'tenant_id', :'reference', :'member_id', :'now', 1250, 'EUR', NULL, NULL,
                          :'now');
PREPARE purchase_item(uuid, smallint, uuid, text, text, numeric, bigint) AS
INSERT INTO purchase_item (purchase_id, line, tenant_id, sku, category, quantity, unit_price_minor)
VALUES ($1, $2, $3, $4, $5, $6, $7);
:explain EXECUTE purchase_item(:'purchase_id', 0, :'tenant_id', 'SKU-1', 'load', 1, 1250);
\echo '-- the member purchase count'
PREPARE count_purchase(uuid, uuid) AS
UPDATE member_activity SET purchases = purchases + 1 WHERE tenant_id = $1 AND member_id = $2;
:explain EXECUTE count_purchase(:'tenant_id', :'member_id');
PREPARE purchases(uuid, uuid) AS SELECT purchases FROM member_activity WHERE tenant_id = $1 AND member_id = $2;
:explain EXECUTE purchases(:'tenant_id', :'member_id');
\echo '-- the tier ladder and the member memberships, for the rules'
PREPARE tier_ladder(uuid, uuid) AS SELECT definition FROM tier_ladder WHERE tenant_id = $1 AND program_id = $2;
:explain EXECUTE tier_ladder(:'tenant_id', :'program_id');
PREPARE memberships(uuid, uuid, uuid) AS
SELECT id, member_id, plan_code, program_id, status, started_at, trial_until, term_start, term_end, grace_days,
       auto_renew, cancel_at_term_end, ended_at, created_at
FROM membership WHERE tenant_id = $1 AND member_id = $2 AND program_id = $3 AND status IN ('TRIAL', 'ACTIVE')
ORDER BY created_at, id;
:explain EXECUTE memberships(:'tenant_id', :'member_id', :'program_id');
\echo '-- the ledger: lock the account, write the transaction, its posting, the totals and the lot'
PREPARE lock_account(uuid) AS
SELECT id, kind, member_id, credits_posted, debits_posted FROM ledger_account WHERE id IN ($1) ORDER BY id FOR UPDATE;
:explain EXECUTE lock_account(:'account_id');
PREPARE ledger_transaction(uuid, uuid, uuid, uuid, text, text, uuid, timestamptz, timestamptz, text) AS
INSERT INTO ledger_transaction (id, tenant_id, program_id, member_id, kind, reference, reversal_of, occurred_at,
                                created_at, explanation) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10);
:explain EXECUTE ledger_transaction(:'transaction_id', :'tenant_id', :'program_id', :'member_id', 'EARN', :'reference',
                                    NULL, :'now', :'now', '{"code":"earn.purchase","details":{},"lines":[]}');
PREPARE posting(uuid, smallint, uuid, uuid, uuid, bigint) AS
INSERT INTO ledger_posting (transaction_id, line, tenant_id, source_account_id, destination_account_id, amount)
VALUES ($1, $2, $3, $4, $5, $6);
:explain EXECUTE posting(:'transaction_id', 0, :'tenant_id', :'issuance_id', :'account_id', 12);
PREPARE move_totals(bigint, bigint, uuid) AS
UPDATE ledger_account SET credits_posted = credits_posted + $1, debits_posted = debits_posted + $2 WHERE id = $3;
:explain EXECUTE move_totals(12, 0, :'account_id');
PREPARE open_lot(uuid, uuid, uuid, uuid, uuid, bigint, timestamptz, timestamptz, timestamptz) AS
INSERT INTO ledger_lot (id, tenant_id, program_id, account_id, origin_transaction_id, amount, remaining, earned_at,
                        expires_at, activates_at) VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9);
:explain EXECUTE open_lot(:'lot_id', :'tenant_id', :'program_id', :'account_id', :'transaction_id', 12, :'now', NULL,
                          NULL);
\echo '-- the automatic rewards, the tier activity, the stored answer'
PREPARE automatic_rewards(uuid, uuid) AS
SELECT id, program_id, code, definition, issued, retired_at, created_at, updated_at FROM reward
WHERE tenant_id = $1 AND program_id = $2 AND automatic = TRUE AND retired_at IS NULL;
:explain EXECUTE automatic_rewards(:'tenant_id', :'program_id');
PREPARE tier_activity(uuid, uuid, uuid, uuid, timestamptz, bigint, bigint, text, integer, text, timestamptz) AS
INSERT INTO tier_activity (id, tenant_id, member_id, program_id, occurred_at, points, amount_minor, currency, purchases,
                           reference, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11);
:explain EXECUTE tier_activity(gen_random_uuid(), :'tenant_id', :'member_id', :'program_id', :'now', 12, 0, NULL, 0,
                               :'reference', :'now');
PREPARE answer(integer, text, uuid, text) AS
UPDATE idempotency_key SET response_status = $1, response_body = $2 WHERE tenant_id = $3 AND idempotency_key = $4;
:explain EXECUTE answer(201, '{}', :'tenant_id', :'reference');
ROLLBACK;

\echo '==== statement, first page (20 lines)'
PREPARE statement_page(uuid, uuid, integer) AS
SELECT t.id, t.program_id, t.kind, t.reference, t.reversal_of, t.occurred_at, t.created_at, t.explanation,
       SUM(CASE WHEN d.member_id = t.member_id AND d.kind = 'AVAILABLE' THEN p.amount ELSE 0 END)
     - SUM(CASE WHEN s.member_id = t.member_id AND s.kind = 'AVAILABLE' THEN p.amount ELSE 0 END) AS available_change,
       SUM(CASE WHEN d.member_id = t.member_id AND d.kind = 'PENDING' THEN p.amount ELSE 0 END)
     - SUM(CASE WHEN s.member_id = t.member_id AND s.kind = 'PENDING' THEN p.amount ELSE 0 END) AS pending_change
FROM (SELECT * FROM ledger_transaction WHERE tenant_id = $1 AND member_id = $2
      ORDER BY created_at DESC, id DESC LIMIT $3) t
JOIN ledger_posting p ON p.transaction_id = t.id
JOIN ledger_account s ON s.id = p.source_account_id
JOIN ledger_account d ON d.id = p.destination_account_id
GROUP BY t.id, t.program_id, t.kind, t.reference, t.reversal_of, t.occurred_at, t.created_at, t.explanation
ORDER BY t.created_at DESC, t.id DESC;
:explain EXECUTE statement_page(:'tenant_id', :'member_id', 21);
