-- A member is ACTIVE, BLOCKED by an operator (earns and spends nothing; reads still work), or MERGED into another
-- member (merged_into): their row stays, so that their postings keep a member and their identifiers still lead to
-- the member they were merged into.
ALTER TABLE member ADD COLUMN status VARCHAR(16) DEFAULT 'ACTIVE' NOT NULL;
ALTER TABLE member ADD COLUMN status_reason VARCHAR(500);
ALTER TABLE member ADD COLUMN status_changed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE member ADD COLUMN merged_into UUID REFERENCES member (id);
CREATE INDEX member_by_merged_into ON member (tenant_id, merged_into);
-- The back-office's lists of blocked (or merged) members, newest first.
CREATE INDEX member_by_status ON member (tenant_id, status, created_at, id);
