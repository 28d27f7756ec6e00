-- Tiers: a program's ordered ladder and its policy, what members did that counts towards it, where each member
-- stands, and every change of tier.

-- The whole ladder of a program, kept as the JSON the operator put (validated first): it is read as one piece.
CREATE TABLE tier_ladder (
    tenant_id   UUID           NOT NULL,
    program_id  UUID           NOT NULL,
    definition  VARCHAR(60000) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, program_id)
);

-- Qualifying activity, dated by the purchase or earn it belongs to (a return is dated by its purchase, so that the
-- window counts the purchase net of what was given back). Purchases have no program; earned units have one.
CREATE TABLE tier_activity (
    id            UUID         PRIMARY KEY,
    tenant_id     UUID         NOT NULL,
    member_id     UUID         NOT NULL,
    program_id    UUID,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    points        BIGINT       NOT NULL,
    amount_minor  BIGINT       NOT NULL,
    currency      VARCHAR(3),
    purchases     INTEGER      NOT NULL,
    reference     VARCHAR(200) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX tier_activity_by_member ON tier_activity (tenant_id, member_id, occurred_at);

-- Where a member stands in a program's ladder: the row is locked for every change, so that many earns crossing a
-- threshold at once make one upgrade.
CREATE TABLE member_tier (
    tenant_id     UUID         NOT NULL,
    program_id    UUID         NOT NULL,
    member_id     UUID         NOT NULL,
    tier_code     VARCHAR(32)  NOT NULL,
    since         TIMESTAMP WITH TIME ZONE NOT NULL,
    review_at     TIMESTAMP WITH TIME ZONE,
    grace_until   TIMESTAMP WITH TIME ZONE,
    manual_until  TIMESTAMP WITH TIME ZONE,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, program_id, member_id)
);
-- The review job looks across tenants for what has come due.
CREATE INDEX member_tier_review ON member_tier (review_at);

CREATE TABLE tier_change (
    id           UUID          PRIMARY KEY,
    tenant_id    UUID          NOT NULL,
    program_id   UUID          NOT NULL,
    member_id    UUID          NOT NULL,
    from_tier    VARCHAR(32),
    to_tier      VARCHAR(32)   NOT NULL,
    kind         VARCHAR(16)   NOT NULL,     -- UPGRADE, DOWNGRADE, KEPT, GRACE, MANUAL
    reason       VARCHAR(1000) NOT NULL,
    metric       BIGINT        NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX tier_change_by_member ON tier_change (tenant_id, member_id, occurred_at, id);
