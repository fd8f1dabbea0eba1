package dev.tracker.core;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The rules for fields a caller sets, shared by the value types and the facade. */
final class Checks {

  private static final int MAX_LABEL_LENGTH = 100;

  private Checks() {}

  /** A token is a non-blank string without surrounding whitespace or line breaks. */
  static String requireToken(String field, String value) {
    if (value.isBlank()
        || !value.equals(value.strip())
        || value.chars().anyMatch(Character::isISOControl)) {
      throw invalid(
          field, value, "must be non-blank, without surrounding spaces or control characters");
    }
    return value;
  }

  static ValidationException invalid(String field, Object value, String requirement) {
    return new ValidationException(field + " " + requirement + ", was '" + value + "'");
  }

  /** An unmodifiable copy sorted by key, so that equal maps print and write alike. */
  static Map<String, String> sortedCopy(Map<String, String> map) {
    return Collections.unmodifiableMap(new TreeMap<>(map));
  }

  static String requireTitle(String title) {
    if (title.isBlank()) {
      throw invalid("title", title, "must not be blank");
    }
    if (title.length() > NewIssue.MAX_TITLE_LENGTH) {
      throw new ValidationException(
          "title must be at most "
              + NewIssue.MAX_TITLE_LENGTH
              + " characters, was "
              + title.length());
    }
    if (title.indexOf('\n') >= 0 || title.indexOf('\r') >= 0) {
      throw invalid("title", title, "must be one line");
    }
    return title;
  }

  static Integer requirePriority(Integer priority) {
    if (priority < 0 || priority > 4) {
      throw invalid("priority", priority, "must be between 0 and 4");
    }
    return priority;
  }

  static Status requireNotTombstone(Status status) {
    if (status.equals(Status.TOMBSTONE)) {
      throw invalid("status", status, "cannot be set directly; delete the issue instead");
    }
    return status;
  }

  /** Each label checked; the list sorted and without repeats, as an issue keeps it. */
  static List<String> requireLabels(List<String> labels) {
    return labels.stream().map(Checks::requireLabel).distinct().sorted().toList();
  }

  static String requireLabel(String label) {
    requireToken("label", label);
    if (label.length() > MAX_LABEL_LENGTH) {
      throw invalid("label", label, "must be at most " + MAX_LABEL_LENGTH + " characters");
    }
    return label;
  }
}
