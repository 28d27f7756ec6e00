-- Spending: which lots each debit took (so that a cancelled redemption or a released hold gives back the very units,
-- with their expiry), and holds: units reserved during a checkout, then captured or released.

CREATE TABLE ledger_lot_use (
    transaction_id  UUID    NOT NULL REFERENCES ledger_transaction (id),
    lot_id          UUID    NOT NULL REFERENCES ledger_lot (id),
    tenant_id       UUID    NOT NULL,
    amount          BIGINT  NOT NULL CHECK (amount > 0),
    returned        BIGINT  NOT NULL DEFAULT 0,   -- given back since (a cancellation, a release): never more than taken
    PRIMARY KEY (transaction_id, lot_id),
    CHECK (returned >= 0 AND returned <= amount)
);

-- A hold moves units from the member's available account to their held account (transaction hold_transaction_id);
-- capturing posts them on to redemption, releasing (or expiring) posts them back. Status changes once.
CREATE TABLE ledger_hold (
    id                         UUID          PRIMARY KEY,
    tenant_id                  UUID          NOT NULL,
    program_id                 UUID          NOT NULL REFERENCES program (id),
    member_id                  UUID          NOT NULL,
    amount                     BIGINT        NOT NULL CHECK (amount > 0),
    status                     VARCHAR(16)   NOT NULL,   -- PENDING, CAPTURED, RELEASED, EXPIRED
    reference                  VARCHAR(200),
    hold_transaction_id        UUID          NOT NULL REFERENCES ledger_transaction (id),
    resolution_transaction_id  UUID          REFERENCES ledger_transaction (id),
    captured                   BIGINT        NOT NULL DEFAULT 0,
    expires_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at                TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ledger_hold_by_member ON ledger_hold (tenant_id, member_id, created_at);
CREATE INDEX ledger_hold_due ON ledger_hold (status, expires_at);
