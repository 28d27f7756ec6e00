-- Postings are immutable: a mistake is fixed by a new transaction, never by changing or removing one.
CREATE FUNCTION ledger_posting_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger postings are immutable: add a reversing transaction instead';
END;
$$;

CREATE TRIGGER ledger_posting_immutable
    BEFORE UPDATE OR DELETE ON ledger_posting
    FOR EACH ROW EXECUTE FUNCTION ledger_posting_immutable();
