-- The member a merged member's accounts handed their units to. Such an account takes no more postings: locking it
-- fails as a collision does, and the request's retry looks the member up again and reaches the survivor.
ALTER TABLE ledger_account ADD COLUMN merged_into UUID;
