-- The first schema. Text columns are VARCHAR, which SQLite stores as TEXT and
-- the code generator can index. Every instant is text in one fixed-width UTC form
-- (2025-11-02T21:58:07.295058000Z) so that string order is time order.
-- Absent optional text is '' rather than NULL: the JSONL format does not
-- tell the two apart, so the database does not either.

CREATE TABLE issues (
  id                  VARCHAR NOT NULL PRIMARY KEY,
  title               VARCHAR NOT NULL,
  description         VARCHAR NOT NULL DEFAULT '',
  design              VARCHAR NOT NULL DEFAULT '',
  acceptance_criteria VARCHAR NOT NULL DEFAULT '',
  notes               VARCHAR NOT NULL DEFAULT '',
  status              VARCHAR NOT NULL,
  priority            INTEGER NOT NULL,
  issue_type          VARCHAR NOT NULL,
  assignee            VARCHAR NOT NULL DEFAULT '',
  owner               VARCHAR NOT NULL DEFAULT '',
  created_at          VARCHAR NOT NULL,
  created_by          VARCHAR NOT NULL DEFAULT '',
  updated_at          VARCHAR NOT NULL,
  closed_at           VARCHAR,
  close_reason        VARCHAR NOT NULL DEFAULT '',
  external_ref        VARCHAR NOT NULL DEFAULT '',
  deleted_at          VARCHAR,
  deleted_by          VARCHAR NOT NULL DEFAULT '',
  delete_reason       VARCHAR NOT NULL DEFAULT '',
  original_type       VARCHAR NOT NULL DEFAULT '',
  -- keys this library does not know, as read: one JSON object, or NULL
  extra               VARCHAR
);

-- ready work: status = 'open' ordered by priority, then age
CREATE INDEX issues_by_status ON issues (status, priority, created_at);
CREATE INDEX issues_by_assignee ON issues (assignee);

CREATE TABLE labels (
  issue_id VARCHAR NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  label    VARCHAR NOT NULL,
  PRIMARY KEY (issue_id, label)
);
CREATE INDEX labels_by_label ON labels (label);

-- depends_on_id has no foreign key: a file may name an issue this clone
-- has not seen yet, and an import keeps what it reads.
CREATE TABLE dependencies (
  issue_id      VARCHAR NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  depends_on_id VARCHAR NOT NULL,
  type          VARCHAR NOT NULL,
  created_at    VARCHAR NOT NULL,
  created_by    VARCHAR NOT NULL DEFAULT '',
  extra         VARCHAR,
  PRIMARY KEY (issue_id, depends_on_id, type)
);
-- blockers of an issue come from the primary key; this one finds what an issue blocks
CREATE INDEX dependencies_by_target ON dependencies (depends_on_id, type);

CREATE TABLE comments (
  issue_id   VARCHAR NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  id         BIGINT  NOT NULL,
  author     VARCHAR NOT NULL DEFAULT '',
  text       VARCHAR NOT NULL,
  created_at VARCHAR NOT NULL,
  extra      VARCHAR,
  PRIMARY KEY (issue_id, id)
);

-- local history; not exported, so it never conflicts in git
CREATE TABLE events (
  id         INTEGER NOT NULL PRIMARY KEY,
  issue_id   VARCHAR NOT NULL,
  event_type VARCHAR NOT NULL,
  actor      VARCHAR NOT NULL,
  old_value  VARCHAR,
  new_value  VARCHAR,
  created_at VARCHAR NOT NULL
);
CREATE INDEX events_by_issue ON events (issue_id, id);

-- bookkeeping: the hash of the last imported or exported issues.jsonl, ...
CREATE TABLE meta (
  key   VARCHAR NOT NULL PRIMARY KEY,
  value VARCHAR NOT NULL
);
