package dev.tracker.core.internal.store;

import static dev.tracker.core.internal.store.schema.Tables.FILE_BASE;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * {@code issues.jsonl} as the database last agreed with it, line by line: what an export wrote, or
 * what an import applied. A file changed since (a pull, a checkout, a revert) is applied as the
 * change it is against these lines, three-way, rather than filtered by {@code updated_at}. Kept in
 * the same transaction as the file's hash ({@link Meta#JSONL_HASH}): while the hash is recorded,
 * these are the lines of the file that has it.
 */
final class FileBase {

  private FileBase() {}

  /** Each issue's line, by id; empty when no file was exported or imported yet. */
  static Map<String, String> lines(DSLContext dsl) {
    Map<String, String> lines = new HashMap<>();
    dsl.select(FILE_BASE.ISSUE_ID, FILE_BASE.LINE)
        .from(FILE_BASE)
        .forEach(row -> lines.put(row.value1(), row.value2()));
    return lines;
  }

  /** The file is now these lines, by id. */
  static void replace(DSLContext dsl, Map<String, byte[]> lines) {
    dsl.deleteFrom(FILE_BASE).execute();
    put(dsl, lines);
  }

  /** These lines changed, and these issues left the file. */
  static void update(DSLContext dsl, Map<String, byte[]> changed, Collection<String> gone) {
    List<String> replaced = new ArrayList<>(changed.keySet());
    replaced.addAll(gone);
    for (int from = 0; from < replaced.size(); from += IssueRows.IDS_PER_STATEMENT) {
      List<String> chunk =
          replaced.subList(from, Math.min(replaced.size(), from + IssueRows.IDS_PER_STATEMENT));
      dsl.deleteFrom(FILE_BASE).where(FILE_BASE.ISSUE_ID.in(chunk)).execute();
    }
    put(dsl, changed);
  }

  private static void put(DSLContext dsl, Map<String, byte[]> lines) {
    List<@Nullable Object[]> rows = new ArrayList<>(lines.size());
    lines.forEach((id, line) -> rows.add(new @Nullable Object[] {id, text(line)}));
    IssueRows.insert(dsl, FILE_BASE, List.of(FILE_BASE.ISSUE_ID, FILE_BASE.LINE), rows);
  }

  /** A line as stored: its text without the line break. */
  static String text(byte[] line) {
    int end = line.length;
    if (end > 0 && line[end - 1] == '\n') {
      end--;
    }
    return new String(line, 0, end, StandardCharsets.UTF_8);
  }
}
