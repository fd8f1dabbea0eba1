package dev.tracker.core.internal.model;

import dev.tracker.core.internal.jsonl.JsonOut;
import dev.tracker.core.internal.jsonl.KeptObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The object of one element of a list field (a dependency, a comment) written in the text of the
 * line it was read from: its keys in the format's order, and for each position how to read the
 * value, whether it is written, and how.
 */
final class KeptElement<E> extends KeptObject<E, E> {

  /** The value of the key at a position, for comparing two versions. */
  interface Value<E> {
    Object at(E element, int position);
  }

  /** Writes the value of the key at a position. */
  interface Writer<E> {
    void write(JsonOut out, E element, int position);
  }

  private final List<String> keys;
  private final Set<String> known;
  private final Value<E> value;
  private final BiPredicate<E, Integer> present;
  private final Writer<E> writer;
  private final Function<E, Map<String, String>> extras;

  KeptElement(
      List<String> keys,
      Value<E> value,
      BiPredicate<E, Integer> present,
      Writer<E> writer,
      Function<E, Map<String, String>> extras) {
    this.keys = List.copyOf(keys);
    this.known = Set.copyOf(keys);
    this.value = value;
    this.present = present;
    this.writer = writer;
    this.extras = extras;
  }

  @Override
  protected int size() {
    return keys.size();
  }

  @Override
  protected int indexOf(String key, Set<String> presentKeys) {
    return keys.indexOf(key);
  }

  @Override
  protected boolean same(E before, E after, int position) {
    return value.at(before, position).equals(value.at(after, position));
  }

  @Override
  protected boolean present(E after, int position) {
    return present.test(after, position);
  }

  @Override
  protected void writeName(JsonOut out, int position) {
    out.name(keys.get(position));
  }

  @Override
  protected void writeValue(
      JsonOut out, E after, int position, E before, @Nullable String beforeText) {
    writer.write(out, after, position);
  }

  @Override
  protected Map<String, String> extrasBefore(E before) {
    return extras.apply(before);
  }

  @Override
  protected Map<String, String> extrasAfter(E after) {
    return extras.apply(after);
  }

  @Override
  protected Set<String> known() {
    return known;
  }
}
