package dev.tracker.core.internal.store;

import static dev.tracker.core.internal.store.schema.Tables.META;

import java.util.Optional;
import org.jooq.DSLContext;

/** Bookkeeping values kept in the database. */
final class Meta {

  /** The SHA-256 of {@code issues.jsonl} as last imported or exported. */
  static final String JSONL_HASH = "jsonl.sha256";

  private Meta() {}

  static Optional<String> get(DSLContext dsl, String key) {
    return dsl.select(META.VALUE).from(META).where(META.KEY.eq(key)).fetchOptional(META.VALUE);
  }

  static void put(DSLContext dsl, String key, String value) {
    dsl.insertInto(META, META.KEY, META.VALUE)
        .values(key, value)
        .onConflict(META.KEY)
        .doUpdate()
        .set(META.VALUE, value)
        .execute();
  }
}
