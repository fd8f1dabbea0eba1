package dev.tracker.core.internal.model;

import dev.tracker.core.internal.jsonl.FieldReader;

/** Rules shared by the objects nested in a line. */
final class Lines {

  private Lines() {}

  /** A dependency or comment may repeat the id of its line, but not name another issue. */
  static void requireLineId(FieldReader fields, String id) {
    String issueId = fields.string("issue_id", id);
    if (!issueId.equals(id)) {
      throw fields.error(
          fields.name("issue_id")
              + " must be the id of its line "
              + FieldReader.quote(id)
              + ", was "
              + FieldReader.quote(issueId));
    }
  }
}
