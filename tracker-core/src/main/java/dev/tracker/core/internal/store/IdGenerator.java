package dev.tracker.core.internal.store;

import static dev.tracker.core.internal.store.schema.Tables.ISSUES;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Mints ids {@code <prefix>-<hash>}: the hash is base36 of SHA-256 over the title, the creation
 * time and random bits, so two clones creating issues at the same moment do not mint the same id.
 * The hash is as short as the tracker's size allows while keeping the chance that two clones
 * collide below one percent, and it grows by one character after repeated collisions here.
 */
final class IdGenerator {

  static final int MIN_LENGTH = 4;
  static final int MAX_LENGTH = 12;
  private static final int ATTEMPTS_PER_LENGTH = 3;

  // rendered once (Rendered)
  private static final String APPROXIMATE_COUNT =
      Rendered.sql(
          DSL.select(coalesce(max(field("rowid", Long.class)), DSL.inline(0L))).from(ISSUES));

  private final String prefix;
  private final RandomGenerator random;

  IdGenerator(String prefix, RandomGenerator random) {
    this.prefix = prefix;
    this.random = random;
  }

  /** A new id not yet used in the database; call it inside the write that inserts the issue. */
  String next(DSLContext dsl, String title, Instant createdAt) {
    int length = lengthFor(approximateCount(dsl));
    for (int attempt = 0; ; attempt++) {
      int grown = Math.min(MAX_LENGTH, length + attempt / ATTEMPTS_PER_LENGTH);
      String id = prefix + "-" + hash(title, createdAt, random.nextLong(), grown);
      if (!IssueQueries.contains(dsl, id)) {
        return id;
      }
    }
  }

  /**
   * The shortest hash length for which {@code count} ids collide with a probability of at most one
   * percent (birthday bound {@code n^2 / 2N}).
   */
  static int lengthFor(long count) {
    double needed = 50.0 * count * count;
    int length = MIN_LENGTH;
    while (length < MAX_LENGTH && Math.pow(36, length) < needed) {
      length++;
    }
    return length;
  }

  /** An upper bound of the number of issues in O(1): rowids only grow. */
  private static long approximateCount(DSLContext dsl) {
    return Rendered.fetchLong(dsl, APPROXIMATE_COUNT).orElse(0);
  }

  static String hash(String title, Instant createdAt, long salt, int length) {
    MessageDigest sha256 = Sha256.digest();
    sha256.update(title.getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) 0);
    sha256.update(createdAt.toString().getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) 0);
    sha256.update(Long.toString(salt).getBytes(StandardCharsets.UTF_8));
    String base36 = new BigInteger(1, sha256.digest()).toString(36);
    // the low digits of a uniform number are uniform; its leading digit is not
    String padded = "0".repeat(Math.max(0, length - base36.length())) + base36;
    return padded.substring(padded.length() - length);
  }
}
