package dev.tracker.daemon.internal.rpc;

import dev.tracker.core.TrackerService;
import dev.tracker.core.internal.protocol.Method;
import dev.tracker.core.internal.protocol.Params;
import dev.tracker.core.internal.protocol.Wire;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The methods that are one call of the {@link TrackerService}, with params and results on the wire.
 */
final class IssueCalls {

  private IssueCalls() {}

  /** Calls the service for an issue method; the daemon's own methods are not handled here. */
  static JsonNode call(TrackerService service, Method method, Params params) {
    return switch (method) {
      case ISSUE_CREATE -> Wire.issue(service.create(Wire.newIssue(params)));
      case ISSUE_GET -> Wire.issue(service.get(params.string("id")));
      case ISSUE_LIST -> Wire.issuesAnswer(service.list(Wire.filter(params)));
      case ISSUE_UPDATE -> Wire.issue(service.update(params.string("id"), Wire.update(params)));
      case ISSUE_CLOSE -> Wire.issue(service.close(params.string("id"), reason(params)));
      case ISSUE_REOPEN -> Wire.issue(service.reopen(params.string("id")));
      case ISSUE_DELETE -> Wire.issue(service.delete(params.string("id"), reason(params)));
      case ISSUE_READY -> Wire.issuesAnswer(service.ready(Wire.filter(params)));
      case ISSUE_BLOCKED -> Wire.blocked(service.blocked());
      case ISSUE_HISTORY -> Wire.events(service.history(params.string("id")));
      case DEP_ADD ->
          Wire.issue(
              service.addDependency(
                  params.string("issue_id"),
                  params.string("depends_on_id"),
                  Wire.dependencyType(params)));
      case DEP_REMOVE ->
          Wire.issue(
              service.removeDependency(
                  params.string("issue_id"),
                  params.string("depends_on_id"),
                  Wire.dependencyType(params)));
      case LABEL_ADD -> Wire.issue(service.addLabel(params.string("id"), params.string("label")));
      case LABEL_REMOVE ->
          Wire.issue(service.removeLabel(params.string("id"), params.string("label")));
      case COMMENT_ADD ->
          Wire.comment(service.addComment(params.string("id"), params.string("text")));
      case STATS -> Wire.stats(service.stats());
      case HEALTH, STATUS, SYNC, EXPORT, IMPORT, STOP ->
          throw new IllegalArgumentException(method.wireName() + " is the daemon's own method");
    };
  }

  /** A reason is optional on the wire (a client leaves out an empty one). */
  private static String reason(Params params) {
    return Objects.requireNonNullElse(params.optionalString("reason"), "");
  }
}
