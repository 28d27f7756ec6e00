-- The rewards catalog, what members redeemed, and the vouchers redemptions issue.

CREATE TABLE reward (
    id                UUID          PRIMARY KEY,
    tenant_id         UUID          NOT NULL,
    program_id        UUID          NOT NULL REFERENCES program (id),
    code              VARCHAR(32)   NOT NULL,
    type              VARCHAR(32)   NOT NULL,
    cost              BIGINT        NOT NULL CHECK (cost > 0),    -- program units per reward
    definition        VARCHAR(8000) NOT NULL,                     -- JSON: the operator's definition, as given
    stock             INTEGER       CHECK (stock >= 0),           -- NULL: unlimited
    issued            INTEGER       NOT NULL DEFAULT 0,           -- redeemed and not cancelled
    retired_at        TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT reward_code_unique UNIQUE (tenant_id, code),
    -- Sanity: stock can be lowered below what was issued (no new redemptions then), never issued beyond it.
    CHECK (issued >= 0)
);
CREATE INDEX reward_by_program ON reward (tenant_id, program_id, code);

-- One redemption: a member spent cost x quantity units (ledger transaction transaction_id) on a reward; or a rule
-- granted the reward (granted_by), which cost nothing.
CREATE TABLE redemption (
    id              UUID          PRIMARY KEY,
    tenant_id       UUID          NOT NULL,
    reward_id       UUID          NOT NULL REFERENCES reward (id),
    member_id       UUID          NOT NULL,
    quantity        INTEGER       NOT NULL CHECK (quantity > 0),
    cancelled       INTEGER       NOT NULL DEFAULT 0,
    points          BIGINT        NOT NULL CHECK (points >= 0),
    transaction_id  UUID          REFERENCES ledger_transaction (id),
    granted_by      VARCHAR(200),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CHECK (cancelled >= 0 AND cancelled <= quantity)
);
CREATE INDEX redemption_by_member ON redemption (tenant_id, member_id, reward_id);
CREATE INDEX redemption_by_member_time ON redemption (tenant_id, member_id, created_at, id);

CREATE TABLE voucher (
    id                   UUID          PRIMARY KEY,
    tenant_id            UUID          NOT NULL,
    code                 VARCHAR(40)   NOT NULL,
    redemption_id        UUID          NOT NULL REFERENCES redemption (id),
    reward_id            UUID          NOT NULL REFERENCES reward (id),
    member_id            UUID          NOT NULL,
    status               VARCHAR(16)   NOT NULL,     -- ISSUED, REDEEMED, CANCELLED
    terms                VARCHAR(2000) NOT NULL,     -- JSON: what it gives, as the reward said when it was issued
    expires_at           TIMESTAMP WITH TIME ZONE,   -- first instant it can no longer be used; NULL: never
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    redeemed_at          TIMESTAMP WITH TIME ZONE,
    redeemed_store       VARCHAR(64),
    redeemed_reference   VARCHAR(200),
    discount             BIGINT,                     -- minor units given off the basket when redeemed
    cancelled_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT voucher_code_unique UNIQUE (tenant_id, code)
);
CREATE INDEX voucher_by_redemption ON voucher (tenant_id, redemption_id);
CREATE INDEX voucher_by_member ON voucher (tenant_id, member_id, created_at);
