package dev.tracker.core.internal.model;

/**
 * How the three-way merge of two versions of an issue, both changed since their base, treats a
 * field. Every rule is three-way: a value changed on one side only takes that side's value,
 * whatever the times; {@code updated_at} decides only what both sides changed.
 */
public enum Merge {
  /** The same on both sides by construction: the id. */
  SAME,
  /**
   * The side that changed it since the base wins; when both did (or there is no base), the later.
   */
  PICK,
  /**
   * {@code closed_at}: picked as {@link #PICK}, then kept consistent with the merged status: set
   * exactly when the merged status is closed.
   */
  CLOSING,
  /**
   * A set of elements told apart by {@link ListKind#key}: what either side added is kept, what
   * either side removed since the base is removed, and an element both sides kept is picked as
   * {@link #PICK} picks a value.
   */
  SET
}
