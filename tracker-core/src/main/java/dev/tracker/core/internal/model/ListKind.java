package dev.tracker.core.internal.model;

import dev.tracker.core.internal.jsonl.JsonOut;
import dev.tracker.core.internal.jsonl.RawJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A list held in a table of its own (labels, dependencies, comments), written as a JSON array and
 * merged as a set of elements told apart by {@link #key}.
 *
 * @param <E> the type of the elements
 */
public abstract class ListKind<E> extends Kind<List<E>> {

  @Override
  public final List<E> emptyValue() {
    return List.of();
  }

  @Override
  public final boolean isColumn() {
    return false;
  }

  @Override
  public final @Nullable Object toColumn(List<E> value) {
    throw new UnsupportedOperationException("a list has a table of its own, not a column");
  }

  @Override
  public final List<E> fromColumn(@Nullable Object column) {
    throw new UnsupportedOperationException("a list has a table of its own, not a column");
  }

  /** What tells two elements apart: the same key on both sides of a merge is the same element. */
  public abstract String key(E element);

  @Override
  public final void write(JsonOut out, List<E> value) {
    out.startArray();
    for (E element : value) {
      writeElement(out, element);
    }
    out.endArray();
  }

  /** Writes one element anew. */
  protected abstract void writeElement(JsonOut out, E element);

  /**
   * Writes an element that changed, keeping what it can of its text as read; by default, anew.
   *
   * @param before the element as read
   * @param beforeText its text as read
   */
  protected void writeElement(JsonOut out, E element, E before, String beforeText) {
    writeElement(out, element);
  }

  /**
   * Writes the list keeping the text of each element that did not change, an element being matched
   * by its {@link #key}; a changed element is written by {@link #writeElement(JsonOut, Object,
   * Object, String)}, a new one anew.
   *
   * @param before the list as read, in the order read
   * @param beforeText the list's text as read
   */
  public final void writeKeeping(JsonOut out, List<E> value, List<E> before, String beforeText) {
    List<String> texts =
        beforeText.startsWith("[") ? RawJson.elements(beforeText) : List.<String>of();
    Map<String, Integer> read = new HashMap<>();
    if (texts.size() == before.size()) {
      for (int i = 0; i < before.size(); i++) {
        read.putIfAbsent(key(before.get(i)), i);
      }
    }
    out.startArray();
    for (E element : value) {
      Integer i = read.get(key(element));
      if (i == null) {
        writeElement(out, element);
      } else if (before.get(i).equals(element)) {
        out.raw(texts.get(i));
      } else {
        writeElement(out, element, before.get(i), texts.get(i));
      }
    }
    out.endArray();
  }

  /**
   * Whose copy of an element both sides have is kept: by default the later side's.
   *
   * @param oursIsLater whether our side changed the issue last
   */
  protected boolean preferOurs(boolean oursIsLater) {
    return oursIsLater;
  }

  /** The merged list as it is kept: the comments' numbers made unique, for example. */
  protected List<E> afterMerge(List<E> merged) {
    return merged;
  }

  /**
   * A three-way merge: every element either side has, minus those that either side removed since
   * the base. An element both sides have is the copy of the side that changed it since the base;
   * when both did (or there is no base), the copy of the side {@link #preferOurs} prefers.
   *
   * @param base the list at the merge base; {@code null} when there is none
   * @param oursIsLater whether our side changed the issue last
   */
  public final List<E> mergeSets(
      @Nullable List<E> base, List<E> ours, List<E> theirs, boolean oursIsLater) {
    boolean preferOurs = preferOurs(oursIsLater);
    Map<String, E> before = base == null ? Map.of() : byKey(base);
    Map<String, E> preferred = byKey(preferOurs ? ours : theirs);
    Map<String, E> other = byKey(preferOurs ? theirs : ours);
    Map<String, E> result = new LinkedHashMap<>();
    preferred.forEach(
        (key, element) -> {
          E others = other.get(key);
          if (others != null) {
            result.put(key, pick(before.get(key), element, others));
          } else if (!before.containsKey(key)) {
            result.put(key, element); // added on the preferred side; else the other removed it
          }
        });
    other.forEach(
        (key, element) -> {
          if (!preferred.containsKey(key) && !before.containsKey(key)) {
            result.put(key, element);
          }
        });
    return canonical(afterMerge(new ArrayList<>(result.values())));
  }

  /** The copy of the side that changed the element since the base; else the preferred one. */
  private E pick(@Nullable E before, E preferred, E other) {
    return before != null && preferred.equals(before) ? other : preferred;
  }

  private Map<String, E> byKey(Collection<E> elements) {
    Map<String, E> byKey = new LinkedHashMap<>();
    for (E element : elements) {
      byKey.put(key(element), element);
    }
    return byKey;
  }
}
