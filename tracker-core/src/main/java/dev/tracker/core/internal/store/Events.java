package dev.tracker.core.internal.store;

import static dev.tracker.core.internal.store.schema.Tables.EVENTS;

import dev.tracker.core.Event;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/** Appends to the local history of issues. */
final class Events {

  // every change records an event: rendered once (Rendered)
  private static final String INSERT =
      Rendered.sql(
          DSL.insertInto(
                  EVENTS,
                  EVENTS.ISSUE_ID,
                  EVENTS.EVENT_TYPE,
                  EVENTS.ACTOR,
                  EVENTS.OLD_VALUE,
                  EVENTS.NEW_VALUE,
                  EVENTS.CREATED_AT)
              .values(
                  DSL.param(EVENTS.ISSUE_ID),
                  DSL.param(EVENTS.EVENT_TYPE),
                  DSL.param(EVENTS.ACTOR),
                  DSL.param(EVENTS.OLD_VALUE),
                  DSL.param(EVENTS.NEW_VALUE),
                  DSL.param(EVENTS.CREATED_AT)));

  private Events() {}

  static void record(
      DSLContext dsl,
      String issueId,
      Event.Type type,
      String actor,
      @Nullable String oldValue,
      @Nullable String newValue,
      Instant at) {
    Rendered.execute(
        dsl, INSERT, issueId, type.name(), actor, oldValue, newValue, Rendered.stored(at));
  }
}
