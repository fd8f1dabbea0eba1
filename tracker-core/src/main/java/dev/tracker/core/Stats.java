package dev.tracker.core;

import java.util.Map;

/**
 * Counts over the whole tracker.
 *
 * @param total issues that are not tombstones
 * @param byStatus issues per status, tombstones included
 * @param ready open issues with no open blocker
 * @param blocked issues not done that have an open blocker
 */
public record Stats(int total, Map<Status, Integer> byStatus, int ready, int blocked) {

  /** Creates the counts; {@code byStatus} is copied. */
  public Stats {
    byStatus = Map.copyOf(byStatus);
  }

  /** The number of issues in the given status. */
  public int count(Status status) {
    return byStatus.getOrDefault(status, 0);
  }
}
