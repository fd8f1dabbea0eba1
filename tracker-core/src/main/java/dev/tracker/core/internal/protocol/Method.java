package dev.tracker.core.internal.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The methods the daemon serves, by their wire names. */
public enum Method {
  HEALTH("health", false),
  STATUS("status", false),
  SYNC("sync", false),
  EXPORT("export", false),
  IMPORT("import", true),
  STOP("stop", false),
  ISSUE_CREATE("issue.create", true),
  ISSUE_GET("issue.get", false),
  ISSUE_LIST("issue.list", false),
  ISSUE_UPDATE("issue.update", true),
  ISSUE_CLOSE("issue.close", true),
  ISSUE_REOPEN("issue.reopen", true),
  ISSUE_DELETE("issue.delete", true),
  ISSUE_READY("issue.ready", false),
  ISSUE_BLOCKED("issue.blocked", false),
  ISSUE_HISTORY("issue.history", false),
  DEP_ADD("dep.add", true),
  DEP_REMOVE("dep.remove", true),
  LABEL_ADD("label.add", true),
  LABEL_REMOVE("label.remove", true),
  COMMENT_ADD("comment.add", true),
  STATS("stats", false);

  private static final Map<String, Method> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(Method::wireName, Function.identity()));

  private final String wireName;
  private final boolean mutates;

  Method(String wireName, boolean mutates) {
    this.wireName = wireName;
    this.mutates = mutates;
  }

  /** The name on the wire, e.g. {@code issue.create}. */
  public String wireName() {
    return wireName;
  }

  /** Whether a call may change issues, so that an export should follow. */
  public boolean mutates() {
    return mutates;
  }

  /** The method with this wire name, if there is one. */
  public static Optional<Method> named(String wireName) {
    return Optional.ofNullable(BY_NAME.get(wireName));
  }
}
