-- The ledger: double entry, immutable postings, per-account totals for member accounts, lots for expiry.
-- See DESIGN.md, "The ledger". Accounts have deterministic ids (a name-based UUID of program, member and kind), so
-- they can be created on first use with INSERT ... ON CONFLICT DO NOTHING.

CREATE TABLE ledger_account (
    id              UUID         PRIMARY KEY,
    tenant_id       UUID         NOT NULL,
    program_id      UUID         NOT NULL REFERENCES program (id),
    member_id       UUID,                      -- NULL for the program's system accounts
    kind            VARCHAR(16)  NOT NULL,     -- AVAILABLE, PENDING; ISSUANCE, ADJUSTMENT, BREAKAGE
    -- Totals, kept for member accounts only, in the transaction of each posting. System accounts would be hot rows:
    -- their balances are derived from the postings instead, and their totals stay 0.
    credits_posted  BIGINT       NOT NULL DEFAULT 0,
    debits_posted   BIGINT       NOT NULL DEFAULT 0,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ledger_account_by_member ON ledger_account (tenant_id, member_id);
CREATE INDEX ledger_account_by_program ON ledger_account (tenant_id, program_id);

-- A transaction groups the postings that commit together, and says why they happened.
CREATE TABLE ledger_transaction (
    id           UUID          PRIMARY KEY,
    tenant_id    UUID          NOT NULL,
    program_id   UUID          NOT NULL REFERENCES program (id),
    member_id    UUID,                          -- the member concerned, for statements
    kind         VARCHAR(16)   NOT NULL,        -- EARN, CLAWBACK, ADJUSTMENT, EXPIRY, ACTIVATION
    reference    VARCHAR(200),                  -- the till's transaction id, an idempotency key, a run
    reversal_of  UUID          REFERENCES ledger_transaction (id),
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,   -- business time
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,   -- server time
    explanation  VARCHAR(4000) NOT NULL               -- JSON: {"code": ..., "details": {...}}
);
CREATE INDEX ledger_transaction_statement ON ledger_transaction (tenant_id, member_id, created_at, id);
CREATE INDEX ledger_transaction_by_reference ON ledger_transaction (tenant_id, reference);
CREATE INDEX ledger_transaction_by_reversal ON ledger_transaction (reversal_of);

CREATE TABLE ledger_posting (
    transaction_id          UUID     NOT NULL REFERENCES ledger_transaction (id),
    line                    SMALLINT NOT NULL,
    tenant_id               UUID     NOT NULL,
    source_account_id       UUID     NOT NULL REFERENCES ledger_account (id),
    destination_account_id  UUID     NOT NULL REFERENCES ledger_account (id),
    amount                  BIGINT   NOT NULL CHECK (amount > 0),
    PRIMARY KEY (transaction_id, line),
    CHECK (source_account_id <> destination_account_id)
);
CREATE INDEX ledger_posting_by_source ON ledger_posting (source_account_id);
CREATE INDEX ledger_posting_by_destination ON ledger_posting (destination_account_id);

-- A lot is what is left of one credit to a member account, with its expiry; debits consume lots soonest-expiring
-- first. Lots are bookkeeping beside the postings: their remaining amounts change, the postings never do.
CREATE TABLE ledger_lot (
    id                     UUID    PRIMARY KEY,
    tenant_id              UUID    NOT NULL,
    program_id             UUID    NOT NULL REFERENCES program (id),
    account_id             UUID    NOT NULL REFERENCES ledger_account (id),
    origin_transaction_id  UUID    NOT NULL REFERENCES ledger_transaction (id),  -- the earn it came from
    amount                 BIGINT  NOT NULL CHECK (amount > 0),
    remaining              BIGINT  NOT NULL CHECK (remaining >= 0 AND remaining <= amount),
    earned_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at             TIMESTAMP WITH TIME ZONE,   -- first instant it is no longer valid; NULL: never
    activates_at           TIMESTAMP WITH TIME ZONE    -- pending lots: when they become available
);
CREATE INDEX ledger_lot_by_account ON ledger_lot (account_id, expires_at);
CREATE INDEX ledger_lot_by_origin ON ledger_lot (origin_transaction_id);
CREATE INDEX ledger_lot_expiring ON ledger_lot (tenant_id, program_id, expires_at);
CREATE INDEX ledger_lot_activating ON ledger_lot (tenant_id, program_id, activates_at);
