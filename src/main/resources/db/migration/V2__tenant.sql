CREATE TABLE tenant (
    id          UUID         PRIMARY KEY,
    slug        VARCHAR(40)  NOT NULL UNIQUE,
    name        VARCHAR(200) NOT NULL,
    currency    CHAR(3)      NOT NULL,
    country     CHAR(2)      NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Keys are stored as SHA-256 hashes; the prefix lets people recognise a key in a list.
CREATE TABLE api_key (
    id          UUID         PRIMARY KEY,
    tenant_id   UUID         NOT NULL REFERENCES tenant (id),
    name        VARCHAR(100) NOT NULL,
    key_hash    CHAR(64)     NOT NULL UNIQUE,
    key_prefix  VARCHAR(16)  NOT NULL,
    scopes      VARCHAR(500) NOT NULL,
    store_id    VARCHAR(64),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_key_by_tenant ON api_key (tenant_id, created_at);
