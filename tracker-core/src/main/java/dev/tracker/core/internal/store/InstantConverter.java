package dev.tracker.core.internal.store;

import dev.tracker.core.internal.jsonl.Timestamps;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import org.jooq.impl.AbstractConverter;
import org.jspecify.annotations.Nullable;

/**
 * Stores an {@link Instant} as fixed-width UTC text with nanoseconds ({@code
 * 2025-11-02T21:58:07.295058000Z}), so that SQLite's string order is time order and no precision
 * read from a file is lost. Named by the code generator for every {@code *_at} column.
 */
public final class InstantConverter extends AbstractConverter<String, Instant> {

  private static final long serialVersionUID = 1L;

  private static final DateTimeFormatter FIXED_WIDTH =
      new DateTimeFormatterBuilder().appendInstant(9).toFormatter();

  /** Creates the converter; the generated table classes call this. */
  public InstantConverter() {
    super(String.class, Instant.class);
  }

  @Override
  public @Nullable Instant from(@Nullable String stored) {
    if (stored == null) {
      return null;
    }
    Instant fast = Timestamps.parseFast(stored);
    return fast != null ? fast : Instant.parse(stored);
  }

  @Override
  public @Nullable String to(@Nullable Instant instant) {
    if (instant == null) {
      return null;
    }
    String fast = Timestamps.formatFast(instant, 9);
    return fast != null ? fast : FIXED_WIDTH.format(instant);
  }
}
