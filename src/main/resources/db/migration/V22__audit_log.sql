-- What operators changed: who, when, what, and the thing before and after (JSON), never updated or deleted.
CREATE TABLE audit_entry (
    tenant_id      UUID         NOT NULL,
    id             UUID         NOT NULL,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    operator_id    UUID,
    operator_email VARCHAR(254) NOT NULL,
    action         VARCHAR(60)  NOT NULL,
    subject_type   VARCHAR(40)  NOT NULL,
    subject_id     VARCHAR(200) NOT NULL,
    summary        VARCHAR(500) NOT NULL,
    before_state   VARCHAR,
    after_state    VARCHAR,
    PRIMARY KEY (tenant_id, id)
);
-- The log newest first is the primary key read backwards (ids are time-ordered); these serve its filters.
CREATE INDEX audit_entry_subject ON audit_entry (tenant_id, subject_type, subject_id, id);
CREATE INDEX audit_entry_operator ON audit_entry (tenant_id, operator_id, id);
