-- How many days ahead a program warns members of units about to expire; 0: it does not.
ALTER TABLE program ADD COLUMN expiry_warning_days INTEGER NOT NULL DEFAULT 0;

-- The warnings given, one per member per expiry date of a program: the key keeps a second run from warning again.
CREATE TABLE expiry_warning (
    tenant_id   UUID    NOT NULL,
    program_id  UUID    NOT NULL REFERENCES program (id),
    member_id   UUID    NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    amount      BIGINT  NOT NULL CHECK (amount > 0),   -- what was about to expire when the member was warned
    warned_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, program_id, member_id, expires_at)
);
