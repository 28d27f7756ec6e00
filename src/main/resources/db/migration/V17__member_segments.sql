-- RFM segments (analytics): each member who bought from the tenant in the last year, scored 1 to 5 on recency, frequency
-- and spend among the tenant's buying members, and named by those scores. Recomputed whole for a tenant at once by the
-- analytics.rfm-segments job (or on an operator's request); earning rules and rewards may target segments.
CREATE TABLE member_segment (
    tenant_id        UUID                     NOT NULL,
    member_id        UUID                     NOT NULL,
    segment          VARCHAR(32)              NOT NULL,
    recency_score    INTEGER                  NOT NULL,
    frequency_score  INTEGER                  NOT NULL,
    monetary_score   INTEGER                  NOT NULL,
    last_purchase_at TIMESTAMP WITH TIME ZONE NOT NULL,
    purchases        BIGINT                   NOT NULL,
    spent_minor      BIGINT                   NOT NULL,
    computed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, member_id)
);
CREATE INDEX member_segment_by_segment ON member_segment (tenant_id, segment, member_id);

-- When each tenant's segments were last computed, and how many members they put in one (none is a computation too).
CREATE TABLE segment_computation (
    tenant_id   UUID                     NOT NULL PRIMARY KEY,
    computed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    members     BIGINT                   NOT NULL
);
