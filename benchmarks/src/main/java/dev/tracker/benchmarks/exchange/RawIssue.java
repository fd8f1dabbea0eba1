package dev.tracker.benchmarks.exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * One issue as the floors hold it: the columns as text, labels and dependencies as lists, no
 * validation, no parsed instants. Mutable, filled field by field by the raw parser.
 */
final class RawIssue {
  String id = "";
  String title = "";
  String description = "";
  String status = "open";
  int priority = 2;
  String issueType = "task";
  String assignee = "";
  String createdAt = "";
  String createdBy = "";
  String updatedAt = "";
  String closedAt = "";
  String closeReason = "";
  final List<String> labels = new ArrayList<>(3);
  final List<RawDependency> dependencies = new ArrayList<>(2);

  /** One dependency: issue_id, depends_on_id, type, created_at, created_by. */
  static final class RawDependency {
    String issueId = "";
    String dependsOnId = "";
    String type = "";
    String createdAt = "";
    String createdBy = "";
  }
}
