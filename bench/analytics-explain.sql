-- Explains the statements of the dashboard's summary (GET /api/v1/analytics/summary, the 30 days up to :end against
-- the 30 before; KpiFacts) against a database that bench/analytics-scale.sh seeded and rolled up:
--   psql -v tenant=bench -v end=2026-09-13 -f bench/analytics-explain.sql DB
\set ON_ERROR_STOP on
SELECT t.id AS tenant_id, p.id AS program_id, p.currency, :'end'::date AS today
FROM tenant t JOIN program p ON p.tenant_id = t.id AND p.code = 'points' WHERE t.slug = :'tenant' \gset
SELECT :'today'::date - 29 AS period_from, :'today'::date - 59 AS previous_from, :'today'::date - 89 AS earliest \gset
\echo '==== the buyers of three periods, one pass (activity)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT SUM(CASE WHEN c > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN c > 1 THEN 1 ELSE 0 END),
    SUM(CASE WHEN c > 0 AND p > 0 THEN 1 ELSE 0 END),
    SUM(CASE WHEN p > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN p > 1 THEN 1 ELSE 0 END),
    SUM(CASE WHEN p > 0 AND e > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN e > 0 THEN 1 ELSE 0 END)
FROM (SELECT member_id,
        SUM(CASE WHEN active_on >= :'period_from' THEN orders ELSE 0 END) AS c,
        SUM(CASE WHEN active_on >= :'previous_from' AND active_on < :'period_from' THEN orders ELSE 0 END) AS p,
        SUM(CASE WHEN active_on < :'previous_from' THEN orders ELSE 0 END) AS e
    FROM analytics_member_day
    WHERE tenant_id = :'tenant_id' AND active_on >= :'earliest' AND active_on <= :'today'
    GROUP BY member_id) buyers;
\echo '==== enrolments of the period and members by its end'
EXPLAIN (ANALYZE, BUFFERS)
SELECT COUNT(*), COALESCE(SUM(CASE WHEN enrolled_on >= :'period_from' THEN 1 ELSE 0 END), 0)
FROM analytics_member WHERE tenant_id = :'tenant_id' AND enrolled_on <= :'today';
\echo '==== sales of the period and members revenue up to its end'
EXPLAIN (ANALYZE, BUFFERS)
SELECT COALESCE(SUM(CASE WHEN sold_on >= :'period_from' THEN member_orders ELSE 0 END), 0),
    COALESCE(SUM(member_revenue_minor), 0)
FROM analytics_sales_day WHERE tenant_id = :'tenant_id' AND sold_on <= :'today' AND currency = :'currency';
\echo '==== units of the period and outstanding at its end'
EXPLAIN (ANALYZE, BUFFERS)
SELECT COALESCE(SUM(CASE WHEN booked_on >= :'period_from' THEN issued ELSE 0 END), 0),
    COALESCE(SUM(issued - redeemed - expired), 0)
FROM analytics_unit_day WHERE tenant_id = :'tenant_id' AND program_id = :'program_id' AND booked_on <= :'today';
