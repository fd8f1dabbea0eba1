package dev.tracker.core.internal.jsonl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes a changed object (an issue, a dependency, a comment) in the style of the text it was read
 * from: members in the order read; a member whose value did not change keeps its text (a timestamp
 * its offset and digits, a string its escapes); a changed value is written anew; a member whose
 * value became empty is dropped; a member that is new goes right after the member that precedes it
 * in the format's order (or first, when none does). Keys this library does not know stay where they
 * were while they are unchanged; new ones go last, sorted.
 *
 * @param <B> what the object was decoded to from the text
 * @param <A> what it is now
 */
public abstract class KeptObject<B, A> {

  /** The number of keys this library knows at this level. */
  protected abstract int size();

  /**
   * The position of a key in the format's order, or -1 for a key this library does not know.
   *
   * @param present the keys of the object as read, for a key that stands in for another (an alias)
   */
  protected abstract int indexOf(String key, Set<String> present);

  /** Whether the value at a position is the same in both. */
  protected abstract boolean same(B before, A after, int position);

  /** Whether the value at a position is written: it is not empty, or it is required. */
  protected abstract boolean present(A after, int position);

  /** Writes the name of a known key that is new to the object. */
  protected abstract void writeName(JsonOut out, int position);

  /**
   * Writes the value at a position anew.
   *
   * @param beforeText the value's text as read, to keep what can be kept inside it (the elements of
   *     a list); {@code null} when the key is new
   */
  protected abstract void writeValue(
      JsonOut out, A after, int position, B before, @Nullable String beforeText);

  /** The keys this library does not know, as read. */
  protected abstract Map<String, String> extrasBefore(B before);

  /** The keys this library does not know, now. */
  protected abstract Map<String, String> extrasAfter(A after);

  /** The keys an extra may not have. */
  protected abstract Set<String> known();

  /**
   * Writes {@code after} in the style of {@code members}, the members of the object as read.
   *
   * @param id the id, for messages
   */
  public final void write(JsonOut out, List<RawJson.Member> members, B before, A after, String id) {
    Set<String> present = new HashSet<>();
    for (RawJson.Member member : members) {
      present.add(member.key());
    }
    int[] positions = new int[members.size()];
    boolean[] read = new boolean[size()];
    for (int i = 0; i < members.size(); i++) {
      positions[i] = indexOf(members.get(i).key(), present);
      if (positions[i] >= 0) {
        read[positions[i]] = true;
      }
    }
    // each new key after the member read that precedes it most closely in the format's order
    List<List<Integer>> newAfter = new ArrayList<>(members.size() + 1);
    for (int i = 0; i <= members.size(); i++) {
      newAfter.add(new ArrayList<>(0));
    }
    for (int position = 0; position < size(); position++) {
      if (read[position] || same(before, after, position) || !present(after, position)) {
        continue;
      }
      int anchor = -1;
      for (int i = 0; i < members.size(); i++) {
        if (positions[i] >= 0
            && positions[i] < position
            && (anchor < 0 || positions[i] > positions[anchor])) {
          anchor = i;
        }
      }
      newAfter.get(anchor + 1).add(position);
    }
    out.startObject();
    writeNew(out, newAfter.get(0), before, after);
    Map<String, String> extrasBefore = extrasBefore(before);
    Map<String, String> extrasAfter = extrasAfter(after);
    for (int i = 0; i < members.size(); i++) {
      RawJson.Member member = members.get(i);
      int position = positions[i];
      if (position >= 0) {
        if (same(before, after, position)) {
          out.rawName(member.keyText());
          out.raw(member.valueText());
        } else if (present(after, position)) {
          out.rawName(member.keyText());
          writeValue(out, after, position, before, member.valueText());
        }
      } else {
        String value = extrasAfter.get(member.key());
        if (value != null) {
          out.rawName(member.keyText());
          if (value.equals(extrasBefore.get(member.key()))) {
            out.raw(member.valueText());
          } else {
            out.extraValue(member.key(), value, id);
          }
        }
      }
      writeNew(out, newAfter.get(i + 1), before, after);
    }
    Set<String> known = known();
    for (Map.Entry<String, String> extra : extrasAfter.entrySet()) {
      if (!present.contains(extra.getKey())) {
        if (known.contains(extra.getKey())) {
          throw new IllegalArgumentException(
              "issue '" + id + "': extra key '" + extra.getKey() + "' is a key of the format");
        }
        out.extra(extra.getKey(), extra.getValue(), id);
      }
    }
    out.endObject();
  }

  private void writeNew(JsonOut out, List<Integer> positions, B before, A after) {
    for (int position : positions) {
      writeName(out, position);
      writeValue(out, after, position, before, null);
    }
  }
}
