package dev.tracker.core.internal.store;

import static dev.tracker.core.internal.store.schema.Tables.EVENTS;

import dev.tracker.core.Event;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/** Appends to the local history of issues. */
final class Events {

  private Events() {}

  static void record(
      DSLContext dsl,
      String issueId,
      Event.Type type,
      String actor,
      @Nullable String oldValue,
      @Nullable String newValue,
      Instant at) {
    dsl.insertInto(
            EVENTS,
            EVENTS.ISSUE_ID,
            EVENTS.EVENT_TYPE,
            EVENTS.ACTOR,
            EVENTS.OLD_VALUE,
            EVENTS.NEW_VALUE,
            EVENTS.CREATED_AT)
        .values(issueId, type.name(), actor, oldValue, newValue, at)
        .execute();
  }
}
