package dev.tracker.core.internal.store;

import static dev.tracker.core.internal.store.schema.Tables.EVENTS;

import dev.tracker.core.Event;
import dev.tracker.core.ExportResult;
import dev.tracker.core.ImportResult;
import dev.tracker.core.Issue;
import dev.tracker.core.StorageException;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.internal.jsonl.AtomicFile;
import dev.tracker.core.internal.jsonl.JsonlCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Moves issues between the database and {@code issues.jsonl}. The database remembers the hash of
 * the file as it last imported or exported it; a file whose hash differs was changed by someone
 * else (git pull, checkout, an editor) and is imported before anything overwrites it.
 */
final class JsonlExchange {

  private final Path exportPath;
  private final String actor;
  private final Supplier<Instant> clock;
  private final JsonlCodec codec;

  JsonlExchange(TrackerConfig config, JsonlCodec codec, Supplier<Instant> clock) {
    this.codec = codec;
    this.exportPath = config.exportPath();
    this.actor = config.actor();
    this.clock = clock;
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
    List<Issue> issues = codec.decode(exportPath, content.get(), clock.get());
    ImportResult result =
        database.write(
            dsl -> {
              ImportResult merged = merge(dsl, exportPath, issues);
              Meta.put(dsl, Meta.JSONL_HASH, hash);
              return merged;
            });
    return result.created() + result.updated();
  }

  /**
   * Writes every issue to the export file, unless it already holds the same bytes. A file changed
   * by someone else since the last import or export is imported first, so its changes are merged,
   * not overwritten; a malformed one stops the export.
   */
  ExportResult export(Database database) {
    return database.write(
        dsl -> {
          Optional<String> recorded = Meta.get(dsl, Meta.JSONL_HASH);
          Optional<byte[]> current = read(exportPath);
          if (current.isPresent() && !recorded.equals(Optional.of(Sha256.hex(current.get())))) {
            merge(dsl, exportPath, codec.decode(exportPath, current.get(), clock.get()));
          }
          List<Issue> issues = IssueQueries.all(dsl);
          byte[] content = codec.encode(issues);
          boolean changed = current.map(bytes -> !Arrays.equals(bytes, content)).orElse(true);
          if (changed) {
            AtomicFile.write(exportPath, content);
          }
          String hash = Sha256.hex(content);
          if (!recorded.equals(Optional.of(hash))) {
            Meta.put(dsl, Meta.JSONL_HASH, hash);
          }
          return new ExportResult(exportPath, issues.size(), changed);
        });
  }

  /** Imports a file in one transaction; the file is read and checked before anything is written. */
  ImportResult importFile(Database database, Path file) {
    byte[] content =
        read(file).orElseThrow(() -> new StorageException("No such file to import: " + file));
    List<Issue> issues = codec.decode(file, content, clock.get());
    return database.write(
        dsl -> {
          ImportResult result = merge(dsl, file, issues);
          if (isExportFile(file)) {
            Meta.put(dsl, Meta.JSONL_HASH, Sha256.hex(content));
          }
          return result;
        });
  }

  /**
   * Stores the file's issues: new ones are created, changed ones replaced unless the stored one
   * changed later, so an import never loses a local edit that is newer than the file.
   */
  private ImportResult merge(DSLContext dsl, Path file, List<Issue> incoming) {
    Map<String, Issue> stored =
        IssueQueries.all(dsl).stream().collect(Collectors.toMap(Issue::id, Function.identity()));
    List<Issue> created = new ArrayList<>();
    List<Issue> replaced = new ArrayList<>();
    int unchanged = 0;
    int skipped = 0;
    for (Issue issue : incoming) {
      Issue existing = stored.get(issue.id());
      if (existing == null) {
        created.add(issue);
      } else if (existing.equals(issue)) {
        unchanged++;
      } else if (existing.updatedAt().isAfter(issue.updatedAt())) {
        skipped++;
      } else {
        replaced.add(issue);
      }
    }
    IssueRows.deleteAll(dsl, replaced.stream().map(Issue::id).toList());
    List<Issue> written = new ArrayList<>(created);
    written.addAll(replaced);
    IssueRows.insertAll(dsl, written);
    recordImports(dsl, written, file);
    return new ImportResult(
        file, incoming.size(), created.size(), replaced.size(), unchanged, skipped);
  }

  private void recordImports(DSLContext dsl, List<Issue> issues, Path file) {
    if (issues.isEmpty()) {
      return;
    }
    Instant now = clock.get();
    String source = file.getFileName().toString();
    List<@Nullable Object[]> events = new ArrayList<>(issues.size());
    for (Issue issue : issues) {
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
