-- CSV imports (io.fidelis.imports). The upload itself is kept in the database, so that whichever instance claims the
-- import can process it; an instance claims it by setting claimed_by and a lease, and renews the lease after every
-- chunk of rows, so that an import whose instance died is resumed by another once the lease has run out.
CREATE TABLE data_import (
    id               UUID          PRIMARY KEY,
    tenant_id        UUID          NOT NULL REFERENCES tenant (id),
    kind             VARCHAR(20)   NOT NULL,
    file_name        VARCHAR(200),
    -- The store the uploading API key was bound to: every row then speaks for that store only.
    store_id         VARCHAR(64),
    content          TEXT          NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    rows_total       INTEGER       NOT NULL,
    rows_processed   INTEGER       NOT NULL,
    rows_applied     INTEGER       NOT NULL,
    rows_skipped     INTEGER       NOT NULL,
    rows_failed      INTEGER       NOT NULL,
    errors_recorded  INTEGER       NOT NULL,
    -- How many times an instance claimed it: a file that keeps failing unexpectedly is given up on.
    attempts         INTEGER       NOT NULL,
    claimed_by       VARCHAR(100),
    lease_until      TIMESTAMP WITH TIME ZONE,
    failure          VARCHAR(500),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX data_import_by_creation ON data_import (tenant_id, created_at, id);
-- The resume job looks across tenants for unfinished imports whose lease ran out; finished ones are the many.
CREATE INDEX data_import_unfinished ON data_import (status, lease_until);

-- The rows an import refused, one line per problem: its line in the file, the column (null: the row as a whole).
CREATE TABLE data_import_error (
    tenant_id    UUID          NOT NULL,
    import_id    UUID          NOT NULL REFERENCES data_import (id),
    number       INTEGER       NOT NULL,
    line         INTEGER       NOT NULL,
    column_name  VARCHAR(64),
    message      VARCHAR(500)  NOT NULL,
    PRIMARY KEY (tenant_id, import_id, number)
);
