-- KPI roll-ups (analytics), maintained by the analytics.kpi-rollups job (and POST /api/v1/analytics:refresh), which
-- replaces whole rows of the days whose source rows were created since its last run: the earn path writes nothing
-- here. Days are calendar days of the tenant's time zone (its points program's).

-- Per tenant: until when the roll-ups include what was created, and the row a refresh locks so that two refreshes
-- of a tenant (two instances, the job and an operator) run one after the other.
CREATE TABLE analytics_refresh (
    tenant_id     UUID                     NOT NULL PRIMARY KEY,
    refreshed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Each member's enrolment day: the cohort of retention by enrolment month.
CREATE TABLE analytics_member (
    tenant_id    UUID NOT NULL,
    member_id    UUID NOT NULL,
    enrolled_on  DATE NOT NULL,
    PRIMARY KEY (tenant_id, member_id)
);
CREATE INDEX analytics_member_by_enrolment ON analytics_member (tenant_id, enrolled_on);

-- Sales per day, store ('' for none) and currency: members' and anonymous purchases apart.
CREATE TABLE analytics_sales_day (
    tenant_id                 UUID        NOT NULL,
    sold_on                   DATE        NOT NULL,
    store_id                  VARCHAR(64) NOT NULL,
    currency                  CHAR(3)     NOT NULL,
    member_orders             BIGINT      NOT NULL,
    member_revenue_minor      BIGINT      NOT NULL,
    anonymous_orders          BIGINT      NOT NULL,
    anonymous_revenue_minor   BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, sold_on, store_id, currency)
);
CREATE INDEX analytics_sales_day_by_store ON analytics_sales_day (tenant_id, store_id, sold_on);

-- Who bought on a day, in which store, how many times: active members, repeat purchases and retention of any period.
CREATE TABLE analytics_member_day (
    tenant_id  UUID        NOT NULL,
    active_on  DATE        NOT NULL,
    store_id   VARCHAR(64) NOT NULL,
    member_id  UUID        NOT NULL,
    orders     BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, active_on, store_id, member_id)
);

-- Who bought in a month, per store and in all stores (store_id '*'), with the member's enrolment month: cohorts.
CREATE TABLE analytics_member_month (
    tenant_id     UUID        NOT NULL,
    active_month  DATE        NOT NULL,
    store_id      VARCHAR(64) NOT NULL,
    member_id     UUID        NOT NULL,
    cohort_month  DATE        NOT NULL,
    PRIMARY KEY (tenant_id, active_month, store_id, member_id)
);
CREATE INDEX analytics_member_month_by_cohort ON analytics_member_month (tenant_id, store_id, cohort_month, active_month);

-- Units moved per program and day they were booked (server time): issued to members (earned or credited by an
-- operator, net of clawbacks and debits), redeemed (spent on rewards or at checkouts, or donated, net of
-- cancellations), expired to breakage. The program's outstanding units are the sum of issued - redeemed - expired.
CREATE TABLE analytics_unit_day (
    tenant_id   UUID    NOT NULL,
    program_id  UUID    NOT NULL,
    booked_on   DATE    NOT NULL,
    issued      BIGINT  NOT NULL,
    redeemed    BIGINT  NOT NULL,
    expired     BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, program_id, booked_on)
);

-- What the program cost in a month, as the operator enters it (marketing, staff, platform): acquisition cost, ROI.
CREATE TABLE analytics_cost (
    tenant_id     UUID          NOT NULL,
    program_id    UUID          NOT NULL,
    cost_month    DATE          NOT NULL,
    amount_minor  BIGINT        NOT NULL CHECK (amount_minor >= 0),
    currency      CHAR(3)       NOT NULL,
    note          VARCHAR(500),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, program_id, cost_month)
);

-- PERF: what the refresh reads, by creation time (new rows) and by day; tier and reward counts without the heap.
CREATE INDEX purchase_by_creation ON purchase (tenant_id, created_at);
CREATE INDEX ledger_transaction_by_creation ON ledger_transaction (tenant_id, created_at);
CREATE INDEX redemption_by_time ON redemption (tenant_id, created_at, reward_id);
CREATE INDEX member_tier_by_tier ON member_tier (tenant_id, program_id, tier_code);
