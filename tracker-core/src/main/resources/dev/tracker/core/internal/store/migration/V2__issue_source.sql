-- The line an issue was read from, when this library would not write that text
-- for it (a file written by beads: another key order, timestamps with their
-- offset, other escapes). An unchanged issue is exported as this line, byte for
-- byte; a changed one in its style. NULL: the issue is written as a new line.
ALTER TABLE issues ADD COLUMN source VARCHAR;
