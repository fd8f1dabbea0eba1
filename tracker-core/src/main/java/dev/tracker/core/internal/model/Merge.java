package dev.tracker.core.internal.model;

/** How the merge of two versions of an issue, both changed since their base, treats a field. */
public enum Merge {
  /** The same on both sides, or taken from the later side: the id, the creation, the deletion. */
  SAME,
  /**
   * Three-way: the side that changed it since the base wins; when both did (or there is no base),
   * the later side.
   */
  PICK,
  /**
   * Picked three-way together with the other {@code CLOSING} fields, as one value: status, close
   * time and close reason stay consistent.
   */
  CLOSING,
  /** The later of the two instants. */
  LATEST,
  /**
   * A set: what either side added is kept, what either side removed since the base is removed;
   * {@link ListKind#mergeSets} says how elements are told apart.
   */
  SET
}
