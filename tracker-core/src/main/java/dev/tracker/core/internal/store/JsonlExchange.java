package dev.tracker.core.internal.store;

import static dev.tracker.core.internal.store.schema.Tables.EVENTS;
import static org.jooq.impl.DSL.max;

import dev.tracker.core.Event;
import dev.tracker.core.ExportResult;
import dev.tracker.core.ImportResult;
import dev.tracker.core.Issue;
import dev.tracker.core.StorageException;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.ValidationException;
import dev.tracker.core.internal.jsonl.AtomicFile;
import dev.tracker.core.internal.jsonl.IssueLine;
import dev.tracker.core.internal.jsonl.JsonlCodec;
import dev.tracker.core.internal.model.Statuses;
import dev.tracker.core.internal.sync.IssueMerge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Moves issues between the database and {@code issues.jsonl}. The database remembers the file as it
 * last imported or exported it: its hash, and its lines ({@link FileBase}). A file whose hash
 * differs was changed by someone else (git pull, checkout, revert, an editor) and is applied before
 * anything overwrites it, as the change it is: three-way against those lines, issue by issue and
 * field by field ({@link IssueMerge}), so a file's change is taken whatever its times say, and a
 * change made here since is kept. A file the database never agreed with (the first import, another
 * file) is imported by {@code updated_at}: the newer copy of an issue wins.
 */
final class JsonlExchange {

  private final Path exportPath;
  private final String actor;
  private final Supplier<Instant> clock;
  private final JsonlCodec codec;
  private final List<String> customStatuses;
  // guarded by the database's write lock: every use is inside database.write
  private @Nullable Exported exported;

  JsonlExchange(TrackerConfig config, JsonlCodec codec, Supplier<Instant> clock) {
    this.codec = codec;
    this.exportPath = config.exportPath();
    this.actor = config.actor();
    this.clock = clock;
    this.customStatuses = config.customStatuses();
  }

  /**
   * Imports the export file when it changed since the database last saw it.
   *
   * @return how many issues were created or replaced
   */
  int importIfChanged(Database database) {
    Optional<byte[]> content = read(exportPath);
    if (content.isEmpty()) {
      return 0;
    }
    String hash = Sha256.hex(content.get());
    if (database.read(dsl -> Meta.get(dsl, Meta.JSONL_HASH)).filter(hash::equals).isPresent()) {
      return 0;
    }
    List<IssueLine> issues = codec.decodeLines(exportPath, content.get(), clock.get());
    ImportResult result =
        database.write(
            dsl -> {
              ImportResult applied = apply(dsl, exportPath, issues);
              Meta.put(dsl, Meta.JSONL_HASH, hash);
              return applied;
            });
    return result.created() + result.updated() + result.removed();
  }

  /**
   * Writes every issue to the export file, unless it already holds the same bytes. A file changed
   * by someone else since the last import or export is imported first, so its changes are merged,
   * not overwritten; a malformed one stops the export.
   *
   * <p>After the first export, this service remembers what it wrote: each issue's line, the last
   * event (every change to an issue records one) and the file's size, time and inode. While the
   * file and the recorded hash are still the ones it wrote, the next export reads only the issues
   * with events since, and writes nothing when no line changed: no file is read and nothing is
   * encoded again. Any doubt (the file touched, another process's export or import, a database file
   * replaced under the service) means the whole export again.
   */
  ExportResult export(Database database) {
    return database.write(
        dsl -> {
          Optional<String> recorded = Meta.get(dsl, Meta.JSONL_HASH);
          Exported last = exported;
          // remembered again only once this export has succeeded
          exported = null;
          if (last != null
              && last.database() == database
              && recorded.equals(Optional.of(last.hash()))
              && last.file().equals(FileState.of(exportPath))) {
            return exportChanges(database, dsl, last);
          }
          return exportAll(database, dsl, recorded);
        });
  }

  private ExportResult exportAll(Database database, DSLContext dsl, Optional<String> recorded) {
    Optional<byte[]> current = read(exportPath);
    if (current.isPresent() && !recorded.equals(Optional.of(Sha256.hex(current.get())))) {
      apply(dsl, exportPath, codec.decodeLines(exportPath, current.get(), clock.get()));
    }
    List<IssueLine> issues = IssueLoader.all(dsl);
    List<byte[]> encoded = codec.encodeLines(issues);
    TreeMap<String, byte[]> lines = new TreeMap<>(JsonlCodec.ID_ORDER);
    for (int i = 0; i < issues.size(); i++) {
      lines.put(issues.get(i).id(), encoded.get(i));
    }
    byte[] content = join(lines);
    boolean changed = current.map(bytes -> !Arrays.equals(bytes, content)).orElse(true);
    if (changed) {
      AtomicFile.write(exportPath, content);
    }
    String hash = Sha256.hex(content);
    if (!recorded.equals(Optional.of(hash))) {
      Meta.put(dsl, Meta.JSONL_HASH, hash);
      FileBase.replace(dsl, lines);
    }
    exported = new Exported(database, lines, lastEvent(dsl), FileState.of(exportPath), hash);
    return new ExportResult(exportPath, lines.size(), changed);
  }

  /** The file is the one this service wrote: only issues changed since can change it. */
  private ExportResult exportChanges(Database database, DSLContext dsl, Exported last) {
    long event = lastEvent(dsl);
    if (event == last.event()) {
      exported = last;
      return new ExportResult(exportPath, last.lines().size(), false);
    }
    List<String> ids =
        dsl.selectDistinct(EVENTS.ISSUE_ID)
            .from(EVENTS)
            .where(EVENTS.ID.gt((int) last.event()))
            .fetch(EVENTS.ISSUE_ID);
    List<IssueLine> issues = IssueLoader.byIds(dsl, ids);
    List<byte[]> encoded = codec.encodeLines(issues);
    Map<String, byte[]> changedLines = new HashMap<>();
    Set<String> gone = new HashSet<>(ids);
    for (int i = 0; i < issues.size(); i++) {
      String id = issues.get(i).id();
      gone.remove(id);
      byte[] line = last.lines().get(id);
      if (line == null || !Arrays.equals(line, encoded.get(i))) {
        changedLines.put(id, encoded.get(i));
      }
    }
    gone.removeIf(id -> !last.lines().containsKey(id));
    if (changedLines.isEmpty() && gone.isEmpty()) {
      exported = new Exported(database, last.lines(), event, last.file(), last.hash());
      return new ExportResult(exportPath, last.lines().size(), false);
    }
    TreeMap<String, byte[]> lines = last.lines();
    lines.putAll(changedLines);
    gone.forEach(lines::remove);
    byte[] content = join(lines);
    AtomicFile.write(exportPath, content);
    String hash = Sha256.hex(content);
    Meta.put(dsl, Meta.JSONL_HASH, hash);
    FileBase.update(dsl, changedLines, gone);
    exported = new Exported(database, lines, event, FileState.of(exportPath), hash);
    return new ExportResult(exportPath, lines.size(), true);
  }

  /** The id of the last event: every change to an issue records one, in commit order. */
  private static long lastEvent(DSLContext dsl) {
    Long last = dsl.select(max(EVENTS.ID)).from(EVENTS).fetchOne(0, Long.class);
    return last == null ? 0 : last;
  }

  private static byte[] join(Map<String, byte[]> lines) {
    int length = 0;
    for (byte[] line : lines.values()) {
      length += line.length;
    }
    byte[] content = new byte[length];
    int at = 0;
    for (byte[] line : lines.values()) {
      System.arraycopy(line, 0, content, at, line.length);
      at += line.length;
    }
    return content;
  }

  /**
   * What an export wrote: the engine it read (event ids count in one database file only: a file
   * replaced under the service starts them again), each issue's line by id in file order, the last
   * event it covers, the file as it was left, and its hash.
   */
  private record Exported(
      Database database, TreeMap<String, byte[]> lines, long event, FileState file, String hash) {}

  /** A file's size, modification time and identity (inode): an atomic rename changes the last. */
  private record FileState(long size, @Nullable FileTime modified, @Nullable Object key) {
    private static final FileState MISSING = new FileState(-1, null, null);

    static FileState of(Path file) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileState(
            attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
      } catch (IOException e) {
        return MISSING;
      }
    }
  }

  /** Imports a file in one transaction; the file is read and checked before anything is written. */
  ImportResult importFile(Database database, Path file) {
    byte[] content =
        read(file).orElseThrow(() -> new StorageException("No such file to import: " + file));
    List<IssueLine> issues = codec.decodeLines(file, content, clock.get());
    return database.write(
        dsl -> {
          if (!isExportFile(file)) {
            check(file, issues);
            return mergeNewer(dsl, file, issues);
          }
          ImportResult result = apply(dsl, file, issues);
          Meta.put(dsl, Meta.JSONL_HASH, Sha256.hex(content));
          return result;
        });
  }

  /**
   * Stores issues read from a database file that lost its name (see {@link Database#retire}) in the
   * engine that replaces it, by the rules of an import: the newer version of an issue wins.
   */
  ImportResult carryOver(Database database, Path from, List<IssueLine> issues) {
    return database.write(dsl -> mergeNewer(dsl, from, issues));
  }

  /**
   * Applies the export file's issues as the change they are against the file the database last
   * agreed with, and remembers the file's lines as the new base; with no base yet, imports them by
   * {@link #mergeNewer}.
   */
  private ImportResult apply(DSLContext dsl, Path file, List<IssueLine> incoming) {
    check(file, incoming);
    Map<String, String> base = FileBase.lines(dsl);
    List<byte[]> encoded = codec.encodeLines(incoming);
    Map<String, byte[]> fileLines = new HashMap<>();
    for (int i = 0; i < incoming.size(); i++) {
      fileLines.put(incoming.get(i).id(), encoded.get(i));
    }
    ImportResult result =
        base.isEmpty()
            ? mergeNewer(dsl, file, incoming)
            : applyChange(dsl, file, incoming, fileLines, base);
    FileBase.replace(dsl, fileLines);
    return result;
  }

  /** Applies the file three-way against the base, by {@link IssueMerge#apply}. */
  private ImportResult applyChange(
      DSLContext dsl,
      Path file,
      List<IssueLine> incoming,
      Map<String, byte[]> fileLines,
      Map<String, String> base) {
    Map<String, IssueLine> stored = byId(IssueLoader.all(dsl));
    IssueMerge.Applied applied =
        IssueMerge.apply(changedBase(file, base, fileLines), base.keySet(), stored, incoming);
    store(dsl, file, applied.created(), applied.replaced(), applied.rewritten(), applied.removed());
    return new ImportResult(
        file,
        incoming.size(),
        applied.created().size(),
        applied.replaced().size(),
        applied.unchanged(),
        0,
        applied.removed().size());
  }

  /** The base's copies of the issues whose line the file changed, added or dropped. */
  private Map<String, IssueLine> changedBase(
      Path file, Map<String, String> base, Map<String, byte[]> fileLines) {
    StringBuilder lines = new StringBuilder();
    base.forEach(
        (id, line) -> {
          byte[] now = fileLines.get(id);
          if (now == null || !line.equals(FileBase.text(now))) {
            lines.append(line).append('\n');
          }
        });
    return byId(
        codec.decodeLines(file, lines.toString().getBytes(StandardCharsets.UTF_8), clock.get()));
  }

  private static Map<String, IssueLine> byId(List<IssueLine> lines) {
    Map<String, IssueLine> byId = new HashMap<>();
    for (IssueLine line : lines) {
      byId.put(line.id(), line);
    }
    return byId;
  }

  private void store(
      DSLContext dsl,
      Path file,
      List<IssueLine> created,
      List<IssueLine> replaced,
      List<IssueLine> rewritten,
      List<String> removed) {
    List<String> deleted = new ArrayList<>(removed);
    replaced.forEach(line -> deleted.add(line.id()));
    IssueRows.deleteAll(dsl, deleted);
    List<IssueLine> written = new ArrayList<>(created);
    written.addAll(replaced);
    IssueRows.insertAll(dsl, written);
    IssueRows.setSources(dsl, rewritten);
    recordImports(dsl, written, file);
  }

  /**
   * Stores the file's issues: new ones are created, changed ones replaced unless the stored one
   * changed later, so an import never loses a local edit that is newer than the file.
   */
  private ImportResult mergeNewer(DSLContext dsl, Path file, List<IssueLine> incoming) {
    Map<String, IssueLine> stored =
        IssueLoader.all(dsl).stream().collect(Collectors.toMap(IssueLine::id, Function.identity()));
    List<IssueLine> created = new ArrayList<>();
    List<IssueLine> replaced = new ArrayList<>();
    List<IssueLine> rewritten = new ArrayList<>();
    int unchanged = 0;
    int skipped = 0;
    for (IssueLine line : incoming) {
      IssueLine existing = stored.get(line.id());
      if (existing == null) {
        created.add(line);
      } else if (existing.issue().equals(line.issue())) {
        unchanged++;
        // the same issue in other text: the next export must write the file's text, not ours
        if (!Objects.equals(existing.source(), line.source())) {
          rewritten.add(line);
        }
      } else if (existing.issue().updatedAt().isAfter(line.issue().updatedAt())) {
        skipped++;
      } else {
        replaced.add(line);
      }
    }
    store(dsl, file, created, replaced, rewritten, List.of());
    return new ImportResult(
        file, incoming.size(), created.size(), replaced.size(), unchanged, skipped, 0);
  }

  /**
   * Checks what a caller's create or update would have checked, before anything is written: the
   * file's statuses are the workspace's, its priorities 0 to 4.
   *
   * @throws ValidationException naming the file, the issue and the value
   */
  private void check(Path file, List<IssueLine> incoming) {
    for (IssueLine line : incoming) {
      Issue issue = line.issue();
      String where = file.getFileName() + ": issue " + issue.id();
      Statuses.check(issue.status(), customStatuses, where);
      int priority = issue.priority();
      if (priority < 0 || priority > 4) {
        throw new ValidationException(
            where
                + ": priority must be between 0 and 4, was "
                + priority
                + "; nothing was imported");
      }
    }
  }

  private void recordImports(DSLContext dsl, List<IssueLine> issues, Path file) {
    if (issues.isEmpty()) {
      return;
    }
    Instant now = clock.get();
    String source = file.getFileName().toString();
    List<@Nullable Object[]> events = new ArrayList<>(issues.size());
    for (IssueLine issue : issues) {
      events.add(
          new @Nullable Object[] {issue.id(), Event.Type.IMPORTED.name(), actor, source, now});
    }
    // the id is the table's rowid: SQLite numbers the rows
    IssueRows.insert(
        dsl,
        EVENTS,
        List.of(
            EVENTS.ISSUE_ID, EVENTS.EVENT_TYPE, EVENTS.ACTOR, EVENTS.NEW_VALUE, EVENTS.CREATED_AT),
        events);
  }

  private boolean isExportFile(Path file) {
    return file.toAbsolutePath().normalize().equals(exportPath);
  }

  private static Optional<byte[]> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("Cannot read " + file, e);
    }
  }
}
