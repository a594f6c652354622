-- Files ingested whole, by fingerprint. The same bytes read the same way (format, mapping, zone,
-- encoding) give the same events and the same quarantined rows, so such a file is not read again.
CREATE TABLE ingested_files (
  fingerprint VARCHAR PRIMARY KEY,  -- hex SHA-256 of the reading settings and the file's bytes
  run_id      BIGINT NOT NULL,      -- the run that read it
  file        VARCHAR NOT NULL,     -- as named then
  rows_read   BIGINT NOT NULL,      -- records in the file, quarantined ones included
  events      BIGINT NOT NULL       -- valid events they gave: accepted then, duplicates ever after
);
