-- The member a merged member's accounts handed their units to. Such an account takes no more postings: locking it
-- refuses, so that an earn racing the merge cannot credit the member that no longer exists.
ALTER TABLE ledger_account ADD COLUMN merged_into UUID;
