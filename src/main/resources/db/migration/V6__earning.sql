-- Purchases and returns as the till sent them, members' and anonymous alike (the non-member side of the KPIs).
CREATE TABLE purchase (
    id              UUID         PRIMARY KEY,
    tenant_id       UUID         NOT NULL,
    transaction_id  VARCHAR(200) NOT NULL,
    member_id       UUID,                       -- NULL for an anonymous sale
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    amount_minor    BIGINT       NOT NULL CHECK (amount_minor >= 0),
    currency        CHAR(3)      NOT NULL,
    store_id        VARCHAR(64),
    channel         VARCHAR(32),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT purchase_transaction_unique UNIQUE (tenant_id, transaction_id)
);
CREATE INDEX purchase_by_member ON purchase (tenant_id, member_id, occurred_at);
CREATE INDEX purchase_by_time ON purchase (tenant_id, occurred_at);

CREATE TABLE purchase_item (
    purchase_id       UUID          NOT NULL REFERENCES purchase (id),
    line              SMALLINT      NOT NULL,
    tenant_id         UUID          NOT NULL,
    sku               VARCHAR(64)   NOT NULL,
    category          VARCHAR(64),
    quantity          NUMERIC(12,3) NOT NULL CHECK (quantity > 0),
    unit_price_minor  BIGINT        NOT NULL CHECK (unit_price_minor >= 0),
    PRIMARY KEY (purchase_id, line)
);

CREATE TABLE purchase_return (
    id              UUID         PRIMARY KEY,
    tenant_id       UUID         NOT NULL,
    transaction_id  VARCHAR(200) NOT NULL,
    purchase_id     UUID         NOT NULL REFERENCES purchase (id),
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    amount_minor    BIGINT       NOT NULL CHECK (amount_minor > 0),
    store_id        VARCHAR(64),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT purchase_return_transaction_unique UNIQUE (tenant_id, transaction_id)
);
CREATE INDEX purchase_return_by_purchase ON purchase_return (purchase_id);
