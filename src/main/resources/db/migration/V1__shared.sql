-- Idempotency: one row per (tenant, key), claimed in the same transaction as the work it guards, holding the
-- fingerprint of the request and the answer given, which replays return.
CREATE TABLE idempotency_key (
    tenant_id        UUID         NOT NULL,
    idempotency_key  VARCHAR(200) NOT NULL,
    request_hash     VARCHAR(64)  NOT NULL,
    response_status  INTEGER,
    response_body    VARCHAR,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
);
