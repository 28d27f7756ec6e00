-- Spring Modulith's event publication log (its schema v2 for PostgreSQL, as spring-modulith-events-jdbc 2.0 ships it),
-- created here rather than by Modulith at every start: two instances starting at once on a fresh database both ran
-- CREATE TABLE IF NOT EXISTS, and PostgreSQL refused one of them; Flyway migrates under a lock. IF NOT EXISTS: a
-- database that Modulith set up before keeps its table.
CREATE TABLE IF NOT EXISTS event_publication
(
  id                     UUID NOT NULL,
  listener_id            TEXT NOT NULL,
  event_type             TEXT NOT NULL,
  serialized_event       TEXT NOT NULL,
  publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date        TIMESTAMP WITH TIME ZONE,
  status                 TEXT,
  completion_attempts    INT,
  last_resubmission_date TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS event_publication_serialized_event_hash_idx ON event_publication USING hash(serialized_event);
CREATE INDEX IF NOT EXISTS event_publication_by_completion_date_idx ON event_publication (completion_date);
