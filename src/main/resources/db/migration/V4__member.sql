-- Identifiers are unique per tenant; NULLs (identifier not given) do not collide.
CREATE TABLE member (
    id                 UUID          PRIMARY KEY,
    tenant_id          UUID          NOT NULL REFERENCES tenant (id),
    card_number        CHAR(13)      NOT NULL,
    external_id        VARCHAR(64),
    email              VARCHAR(254),
    phone              VARCHAR(20),
    first_name         VARCHAR(100),
    last_name          VARCHAR(100),
    birth_date         DATE,
    locale             VARCHAR(5)    NOT NULL,
    marketing_consent  BOOLEAN       NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT member_card_number_unique UNIQUE (tenant_id, card_number),
    CONSTRAINT member_external_id_unique UNIQUE (tenant_id, external_id),
    CONSTRAINT member_email_unique UNIQUE (tenant_id, email),
    CONSTRAINT member_phone_unique UNIQUE (tenant_id, phone)
);
CREATE INDEX member_by_enrolment ON member (tenant_id, created_at, id);
