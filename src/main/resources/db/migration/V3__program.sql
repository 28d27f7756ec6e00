CREATE TABLE program (
    id                      UUID          PRIMARY KEY,
    tenant_id               UUID          NOT NULL REFERENCES tenant (id),
    code                    VARCHAR(32)   NOT NULL,
    name                    VARCHAR(100)  NOT NULL,
    kind                    VARCHAR(16)   NOT NULL,
    currency                CHAR(3)       NOT NULL,
    unit_value              NUMERIC(13,6) NOT NULL,
    earn_rate               NUMERIC(9,4)  NOT NULL,
    expiry_policy           VARCHAR(32)   NOT NULL,
    expiry_period           INTEGER       NOT NULL,
    pending_days            INTEGER       NOT NULL,
    allow_negative_balance  BOOLEAN       NOT NULL,
    time_zone               VARCHAR(64)   NOT NULL,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT program_code_unique UNIQUE (tenant_id, code)
);
