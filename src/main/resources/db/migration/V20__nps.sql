-- NPS roll-up (analytics): per tenant, day (in the tenant's time zone) and store ('' for none), how many survey answers
-- were promoters (9-10), passives (7-8) and detractors (0-6); each answer adds to its row in the event's transaction,
-- so a period's NPS sums days instead of reading every survey.
CREATE TABLE nps_day (
    tenant_id   UUID        NOT NULL,
    answered_on DATE        NOT NULL,
    store_id    VARCHAR(64) NOT NULL,
    promoters   BIGINT      NOT NULL,
    passives    BIGINT      NOT NULL,
    detractors  BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, answered_on, store_id)
);
