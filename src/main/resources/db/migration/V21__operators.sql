-- Operators: the people who run a tenant's programs in the back-office (and cashiers at the till). One e-mail
-- address is one operator across the installation, so the log-in form needs no tenant: the unique index on it serves
-- that look-up, the one query here that is not a tenant's.
CREATE TABLE operator (
    tenant_id      UUID         NOT NULL REFERENCES tenant (id),
    id             UUID         NOT NULL,
    email          VARCHAR(254) NOT NULL,
    name           VARCHAR(200) NOT NULL,
    role           VARCHAR(20)  NOT NULL,
    password_hash  VARCHAR(200) NOT NULL,
    -- Failed log-ins in a row; at the limit the operator is locked until locked_until.
    failed_logins  INTEGER      NOT NULL DEFAULT 0,
    locked_until   TIMESTAMP WITH TIME ZONE,
    disabled_at    TIMESTAMP WITH TIME ZONE,
    last_login_at  TIMESTAMP WITH TIME ZONE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT operator_role CHECK (role IN ('owner', 'manager', 'marketer', 'analyst', 'cashier'))
);
CREATE UNIQUE INDEX operator_email ON operator (email);

-- The operators' sessions, kept in the database so that any instance serves any request (Spring Session JDBC's
-- schema, with PostgreSQL's BYTEA, which H2 reads as a binary string).
CREATE TABLE spring_session (
    primary_id            CHAR(36)     NOT NULL,
    session_id            CHAR(36)     NOT NULL,
    creation_time         BIGINT       NOT NULL,
    last_access_time      BIGINT       NOT NULL,
    max_inactive_interval INTEGER      NOT NULL,
    expiry_time           BIGINT       NOT NULL,
    principal_name        VARCHAR(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id CHAR(36)     NOT NULL,
    attribute_name     VARCHAR(200) NOT NULL,
    attribute_bytes    BYTEA        NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);
