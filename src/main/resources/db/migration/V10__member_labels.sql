-- Free labels an operator or a till puts on members ('vip', 'staff', 'newsletter-2026'); at most 50 per member.
CREATE TABLE member_label (
    tenant_id   UUID         NOT NULL,
    member_id   UUID         NOT NULL REFERENCES member (id),
    label       VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, member_id, label)
);
-- The members with a label.
CREATE INDEX member_label_by_label ON member_label (tenant_id, label, member_id);

-- Who a campaign's rules are for (labels the member must or must not have), as JSON; NULL: every member.
ALTER TABLE campaign ADD COLUMN audience VARCHAR;
