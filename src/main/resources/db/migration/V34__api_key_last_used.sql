-- When a request last authenticated with each key, to the minute, for the owner deciding which keys are still used
-- (null: not since this column exists). Written at most once a minute per key, never on every request.
ALTER TABLE api_key ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;
