-- issues.jsonl as the database last agreed with it (after an export or an import), one line per
-- issue: the base a changed file is applied against, three-way, issue by issue and field by field.
CREATE TABLE file_base (
  issue_id VARCHAR NOT NULL PRIMARY KEY,
  line     VARCHAR NOT NULL
);
-- a database from before this table has no base: forgetting the file's hash makes the next export
-- or import read the file whole and start one
DELETE FROM meta WHERE key = 'jsonl.sha256';
