-- Earning rules replace the program's single earn rate. A rule's current state is in earning_rule; every version
-- ever saved, with who saved it, is in earning_rule_version. The definition is the rule as the API shows it (JSON).
CREATE TABLE campaign (
    id           UUID          PRIMARY KEY,
    tenant_id    UUID          NOT NULL,
    program_id   UUID          NOT NULL REFERENCES program (id),
    code         VARCHAR(32)   NOT NULL,
    name         VARCHAR(100)  NOT NULL,
    description  VARCHAR(500),
    starts_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    budget       BIGINT,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT campaign_code_unique UNIQUE (tenant_id, program_id, code)
);

CREATE TABLE earning_rule (
    id           UUID         PRIMARY KEY,
    tenant_id    UUID         NOT NULL,
    program_id   UUID         NOT NULL REFERENCES program (id),
    version      INTEGER      NOT NULL,
    active       BOOLEAN      NOT NULL,
    campaign_id  UUID         REFERENCES campaign (id),
    definition   VARCHAR      NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX earning_rule_by_program ON earning_rule (tenant_id, program_id);

CREATE TABLE earning_rule_version (
    rule_id      UUID         NOT NULL REFERENCES earning_rule (id),
    version      INTEGER      NOT NULL,
    tenant_id    UUID         NOT NULL,
    active       BOOLEAN      NOT NULL,
    definition   VARCHAR      NOT NULL,
    change_kind  VARCHAR(16)  NOT NULL,      -- CREATED, UPDATED, DEACTIVATED, ACTIVATED
    changed_by   VARCHAR(100) NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (rule_id, version)
);

-- What each member has drawn from a limited rule in each period ('2026-11-24', '2026-W48', '2026-11', 'lifetime').
CREATE TABLE rule_usage (
    rule_id    UUID        NOT NULL,
    member_id  UUID        NOT NULL,
    period_key VARCHAR(16) NOT NULL,
    tenant_id  UUID        NOT NULL,
    uses       BIGINT      NOT NULL,
    points     BIGINT      NOT NULL,
    PRIMARY KEY (rule_id, member_id, period_key)
);

-- What a rule's or a campaign's budget has given so far.
CREATE TABLE budget_usage (
    owner_id   UUID    PRIMARY KEY,
    tenant_id  UUID    NOT NULL,
    spent      BIGINT  NOT NULL
);

-- Counts that conditions need (first purchase, every nth purchase), one row per member, kept with each purchase.
CREATE TABLE member_activity (
    tenant_id  UUID    NOT NULL,
    member_id  UUID    NOT NULL,
    purchases  BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, member_id)
);
INSERT INTO member_activity (tenant_id, member_id, purchases)
SELECT m.tenant_id, m.id, (SELECT COUNT(*) FROM purchase p WHERE p.tenant_id = m.tenant_id AND p.member_id = m.id)
FROM member m;

-- Event types a tenant declares beside the built-in ones.
CREATE TABLE event_type (
    tenant_id    UUID          NOT NULL,
    name         VARCHAR(40)   NOT NULL,
    description  VARCHAR(200),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

-- Activity events (signup, review, referral...) as they came in.
CREATE TABLE activity (
    id              UUID          PRIMARY KEY,
    tenant_id       UUID          NOT NULL,
    transaction_id  VARCHAR(200)  NOT NULL,
    event_type      VARCHAR(40)   NOT NULL,
    member_id       UUID          NOT NULL,
    referrer_id     UUID,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    attributes      VARCHAR(8000),
    store_id        VARCHAR(64),
    channel         VARCHAR(32),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT activity_transaction_unique UNIQUE (tenant_id, transaction_id)
);
CREATE INDEX activity_by_member ON activity (tenant_id, member_id, occurred_at);
