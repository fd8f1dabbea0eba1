-- A new comment's id is one more than the largest in the table; the primary key
-- starts with issue_id, so without this index that look scanned every comment.
CREATE INDEX comments_by_id ON comments (id);
