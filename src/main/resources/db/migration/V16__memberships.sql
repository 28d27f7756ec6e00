-- Paid memberships: the plans a tenant sells, each member's memberships of them, the payments the till or shop
-- reported for them, and every change of a membership's status.

-- A plan's definition is kept as the JSON the operator put (validated first): it is read as one piece.
CREATE TABLE membership_plan (
    id          UUID           PRIMARY KEY,
    tenant_id   UUID           NOT NULL,
    code        VARCHAR(32)    NOT NULL,
    definition  VARCHAR(20000) NOT NULL,
    retired_at  TIMESTAMP WITH TIME ZONE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT membership_plan_code UNIQUE (tenant_id, code)
);

-- open_plan is the plan's code while the membership is open (trial, active, past due) and NULL once it ended: the
-- unique constraint lets a member hold one open membership of a plan, however many requests race to start one.
CREATE TABLE membership (
    id                UUID        PRIMARY KEY,
    tenant_id         UUID        NOT NULL,
    member_id         UUID        NOT NULL,
    plan_code         VARCHAR(32) NOT NULL,
    program_id        UUID        NOT NULL,
    status            VARCHAR(16) NOT NULL,     -- TRIAL, ACTIVE, PAST_DUE, CANCELLED, EXPIRED
    open_plan         VARCHAR(32),
    started_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    trial_until       TIMESTAMP WITH TIME ZONE,
    term_start        TIMESTAMP WITH TIME ZONE NOT NULL,
    term_end          TIMESTAMP WITH TIME ZONE NOT NULL,
    grace_days        INTEGER     NOT NULL,
    auto_renew        BOOLEAN     NOT NULL,
    cancel_at_term_end BOOLEAN    NOT NULL,
    ended_at          TIMESTAMP WITH TIME ZONE,
    next_change_at    TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT membership_open_plan UNIQUE (tenant_id, member_id, open_plan)
);
CREATE INDEX membership_by_member ON membership (tenant_id, member_id, created_at, id);
-- The term job looks across tenants for what has come due.
CREATE INDEX membership_next_change ON membership (next_change_at);

-- A payment is reported once: its reference is unique in the tenant.
CREATE TABLE membership_payment (
    tenant_id      UUID         NOT NULL,
    reference      VARCHAR(200) NOT NULL,
    membership_id  UUID         NOT NULL,
    amount_minor   BIGINT       NOT NULL,
    currency       VARCHAR(3)   NOT NULL,
    reported_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, reference)
);

CREATE TABLE membership_change (
    id             UUID          PRIMARY KEY,
    tenant_id      UUID          NOT NULL,
    membership_id  UUID          NOT NULL,
    kind           VARCHAR(24)   NOT NULL,     -- STARTED, ACTIVATED, RENEWED, PAST_DUE, LAPSED, CANCELLATION_SCHEDULED, CANCELLED
    status         VARCHAR(16)   NOT NULL,
    note           VARCHAR(1000),
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX membership_change_by_membership ON membership_change (tenant_id, membership_id, occurred_at, id);
