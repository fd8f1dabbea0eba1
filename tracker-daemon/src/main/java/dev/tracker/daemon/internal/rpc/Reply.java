package dev.tracker.daemon.internal.rpc;

import org.jspecify.annotations.Nullable;

/**
 * What a connection does with one request line: write the response (none for a notification), then
 * run {@code afterFlush} (the {@code stop} method starts the shutdown only once its answer is out).
 */
// the bytes go to the socket once and are never compared: an array is what the channel wants
@SuppressWarnings("ArrayRecordComponent")
public record Reply(byte @Nullable [] response, Runnable afterFlush) {

  /** Nothing to write and nothing to do: a notification. */
  public static final Reply NONE = new Reply(null, () -> {});

  public static Reply of(byte[] response) {
    return new Reply(response, () -> {});
  }
}
