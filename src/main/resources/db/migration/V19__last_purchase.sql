-- Each member's last purchase, kept with their count of purchases by the purchase's own statement: an incremental
-- roll-up that finds the lapsed members (no purchase in N days) without scanning purchases. A return leaves it as it is.
ALTER TABLE member_activity ADD COLUMN last_purchase_at TIMESTAMP WITH TIME ZONE;
UPDATE member_activity SET last_purchase_at = (SELECT MAX(p.occurred_at) FROM purchase p
    WHERE p.tenant_id = member_activity.tenant_id AND p.member_id = member_activity.member_id);
CREATE INDEX member_activity_by_last_purchase ON member_activity (tenant_id, last_purchase_at, member_id);
