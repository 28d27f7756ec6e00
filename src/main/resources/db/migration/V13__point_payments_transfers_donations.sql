-- Members spending outside the catalog: paying with points at a checkout, giving points to another member of the
-- tenant, donating them to a charity cause; and the terms each program sets for the first two.

-- How a program lets its units pay at a checkout. No row: the defaults (1 unit at least, up to the whole basket).
CREATE TABLE point_payment_terms (
    tenant_id          UUID      NOT NULL,
    program_id         UUID      NOT NULL REFERENCES program (id),
    min_points         BIGINT    NOT NULL CHECK (min_points >= 1),
    max_share_percent  INTEGER   NOT NULL CHECK (max_share_percent BETWEEN 1 AND 100),
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, program_id)
);

-- Units paid at a checkout: debited at once (transaction_id) or set aside by a ledger hold (hold_id) that the till
-- captures or releases. Amounts in minor units of currency, the program's.
CREATE TABLE point_payment (
    id                     UUID          PRIMARY KEY,
    tenant_id              UUID          NOT NULL,
    program_id             UUID          NOT NULL REFERENCES program (id),
    member_id              UUID          NOT NULL,
    points                 BIGINT        NOT NULL CHECK (points > 0),
    discount               BIGINT        NOT NULL CHECK (discount > 0),
    basket                 BIGINT        NOT NULL,
    currency               VARCHAR(3)    NOT NULL,
    store                  VARCHAR(64),
    reference              VARCHAR(200),
    status                 VARCHAR(16)   NOT NULL,   -- PAID, HELD, REFUNDED
    transaction_id         UUID          REFERENCES ledger_transaction (id),
    hold_id                UUID          REFERENCES ledger_hold (id),
    refund_transaction_id  UUID          REFERENCES ledger_transaction (id),
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    refunded_at            TIMESTAMP WITH TIME ZONE,
    CHECK (discount <= basket),
    CHECK ((transaction_id IS NULL AND hold_id IS NOT NULL) OR (transaction_id IS NOT NULL AND hold_id IS NULL))
);

-- How much members of a program may give each other. NULL: no limit.
CREATE TABLE transfer_terms (
    tenant_id                UUID    NOT NULL,
    program_id               UUID    NOT NULL REFERENCES program (id),
    max_points_per_transfer  BIGINT  CHECK (max_points_per_transfer > 0),
    max_points_per_month     BIGINT  CHECK (max_points_per_month > 0),
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, program_id)
);

-- Units one member gave another (transaction_id: the receiver's side of the ledger's transfer).
CREATE TABLE point_transfer (
    id              UUID          PRIMARY KEY,
    tenant_id       UUID          NOT NULL,
    program_id      UUID          NOT NULL REFERENCES program (id),
    from_member_id  UUID          NOT NULL,
    to_member_id    UUID          NOT NULL,
    points          BIGINT        NOT NULL CHECK (points > 0),
    note            VARCHAR(200),
    transaction_id  UUID          NOT NULL REFERENCES ledger_transaction (id),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CHECK (from_member_id <> to_member_id)
);
-- What a member gave (the month's total for the limit, their list) and what they received.
CREATE INDEX point_transfer_given ON point_transfer (tenant_id, from_member_id, created_at, id);
CREATE INDEX point_transfer_received ON point_transfer (tenant_id, to_member_id, created_at, id);

-- Charity causes members can donate to, per tenant.
CREATE TABLE cause (
    id              UUID           PRIMARY KEY,
    tenant_id       UUID           NOT NULL,
    code            VARCHAR(32)    NOT NULL,
    name_en         VARCHAR(100),
    description_en  VARCHAR(1000),
    name_fr         VARCHAR(100),
    description_fr  VARCHAR(1000),
    image_url       VARCHAR(500),
    retired_at      TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT cause_code_unique UNIQUE (tenant_id, code),
    CHECK (name_en IS NOT NULL OR name_fr IS NOT NULL)
);

-- Units a member donated (transaction_id, to the program's charity account), and their money value then, in minor
-- units of currency at the program's unit value, rounded down.
CREATE TABLE donation (
    id              UUID          PRIMARY KEY,
    tenant_id       UUID          NOT NULL,
    cause_id        UUID          NOT NULL REFERENCES cause (id),
    program_id      UUID          NOT NULL REFERENCES program (id),
    member_id       UUID          NOT NULL,
    points          BIGINT        NOT NULL CHECK (points > 0),
    amount          BIGINT        NOT NULL CHECK (amount >= 0),
    currency        VARCHAR(3)    NOT NULL,
    transaction_id  UUID          NOT NULL REFERENCES ledger_transaction (id),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX donation_by_cause ON donation (tenant_id, cause_id, program_id);
