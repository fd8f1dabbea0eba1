package dev.tracker.core.internal.model;

import dev.tracker.core.Status;
import dev.tracker.core.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The statuses a workspace allows: the built-in ones (beads' own, {@code pinned} included) and the
 * custom ones its {@code status.custom} names. One check for every way a status comes in: a create,
 * an update, an import, a merged file.
 */
public final class Statuses {

  /** The statuses every workspace has. */
  public static final Set<String> BUILT_IN =
      Set.of("open", "in_progress", "blocked", "deferred", "closed", "tombstone", "pinned");

  private Statuses() {}

  /**
   * Checks that a status is built in or one of the workspace's custom ones.
   *
   * @param where what holds the status, for the message ("status of t-1 in issues.jsonl")
   * @throws ValidationException naming the status and what is allowed
   */
  public static Status check(Status status, Collection<String> custom, String where) {
    if (BUILT_IN.contains(status.value()) || custom.contains(status.value())) {
      return status;
    }
    List<String> allowed = new ArrayList<>(List.of("open", "in_progress", "blocked", "deferred"));
    allowed.addAll(List.of("closed", "pinned"));
    allowed.addAll(custom);
    throw new ValidationException(
        where
            + ": '"
            + status.value()
            + "' is not a status of this workspace; use one of "
            + String.join(", ", allowed)
            + ", or add it to status.custom in .tracker/config.yaml");
  }
}
