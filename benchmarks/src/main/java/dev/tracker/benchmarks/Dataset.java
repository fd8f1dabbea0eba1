package dev.tracker.benchmarks;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A beads-shaped {@code issues.jsonl}, generated from a seed so every run measures the same data:
 * 10% epics, 30% features under them, 60% tasks under those (each a {@code parent-child} link), and
 * {@code blocks} links between tasks, always from a later task to an earlier one (no cycles) and
 * never twice, until the file holds twice as many dependencies as issues. Half the issues are
 * closed; the rest are open, in progress or blocked in equal parts. Priorities, assignees, labels
 * and ages follow the spread of a real tracker.
 *
 * <p>Ids are {@code bd-} and five base36 digits, scrambled so id order is not creation order.
 */
public final class Dataset {

  /** The word {@link #SEARCH_TERM} is in the description of about one issue in 200. */
  public static final String SEARCH_TERM = "module m042";

  static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

  private static final DateTimeFormatter MICROS =
      new DateTimeFormatterBuilder().appendInstant(6).toFormatter(Locale.ROOT);

  private static final String[] EPICS = {
    "User authentication",
    "Payment processing",
    "Mobile redesign",
    "Performance work",
    "API v2 migration",
    "Search",
    "Analytics dashboard",
    "Multi-tenancy",
    "Notifications",
    "Data export"
  };
  private static final String[] FEATURES = {
    "OAuth2 integration", "Password reset", "Two-factor login", "Sessions", "API endpoints",
    "Database schema", "UI components", "Background jobs", "Error handling", "Test setup"
  };
  private static final String[] TASKS = {
    "Implement login endpoint", "Add validation", "Write unit tests", "Update documentation",
    "Fix memory leak", "Speed up query", "Add error logging", "Refactor helpers",
    "Update migrations", "Configure deployment"
  };
  private static final String[] LABELS = {
    "backend",
    "frontend",
    "urgent",
    "tech-debt",
    "docs",
    "performance",
    "security",
    "ux",
    "api",
    "database"
  };
  private static final String[] ASSIGNEES = {"alice", "bob", "charlie", "diana", "eve", "frank"};
  private static final String[] OPEN_STATUSES = {"open", "in_progress", "blocked"};

  private Dataset() {}

  /** The id of the issue created {@code index}-th. */
  public static String id(int index) {
    // multiplying by an odd constant is a bijection modulo 2^26: unique for up to 67M issues
    int scrambled = (int) ((index * 0x9E3779B1L) & 0x3FFFFFF);
    String digits = Integer.toString(scrambled, 36);
    return "bd-" + "00000".substring(Math.min(5, digits.length())) + digits;
  }

  /** {@code count} issues with {@code 2 * count} dependencies, as the bytes of a JSONL file. */
  public static byte[] beads(int count, long seed) {
    Random random = new Random(seed);
    int epics = count / 10;
    int features = count * 3 / 10;
    List<List<String[]>> links = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      links.add(new ArrayList<>(2));
    }
    for (int i = epics; i < count; i++) {
      int parent = i < epics + features ? (i - epics) % epics : epics + (i - epics) % features;
      links.get(i).add(new String[] {id(parent), "parent-child"});
    }
    int firstTask = epics + features;
    int tasks = count - firstTask;
    Set<Long> blocks = new HashSet<>();
    int missing = 2 * count - (count - epics);
    while (blocks.size() < missing && tasks > 1) {
      int a = firstTask + random.nextInt(tasks);
      int b = firstTask + random.nextInt(tasks);
      if (a == b) {
        continue;
      }
      int from = Math.max(a, b);
      int to = Math.min(a, b);
      if (blocks.add(((long) from << 32) | to)) {
        links.get(from).add(new String[] {id(to), "blocks"});
      }
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream(count * 700);
    JsonFactory factory = JsonFactory.builder().rootValueSeparator((String) null).build();
    try (JsonGenerator json = factory.createGenerator(ObjectWriteContext.empty(), out)) {
      for (int i = 0; i < count; i++) {
        writeIssue(json, random, i, epics, features, links.get(i));
        json.writeRaw('\n');
      }
    }
    return out.toByteArray();
  }

  /**
   * {@code length} open tasks, each blocked by the one before it: {@code chain-1} blocks on {@code
   * chain-0}, and so on.
   */
  public static byte[] chain(int length) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(length * 300);
    JsonFactory factory = JsonFactory.builder().rootValueSeparator((String) null).build();
    String at = MICROS.format(NOW.minus(1, ChronoUnit.DAYS));
    try (JsonGenerator json = factory.createGenerator(ObjectWriteContext.empty(), out)) {
      for (int i = 0; i < length; i++) {
        json.writeStartObject();
        json.writeStringProperty("id", chainId(i));
        json.writeStringProperty("title", "Step " + i);
        json.writeStringProperty("status", "open");
        json.writeNumberProperty("priority", 2);
        json.writeStringProperty("issue_type", "task");
        json.writeStringProperty("created_at", at);
        json.writeStringProperty("updated_at", at);
        if (i > 0) {
          json.writeArrayPropertyStart("dependencies");
          json.writeStartObject();
          json.writeStringProperty("issue_id", chainId(i));
          json.writeStringProperty("depends_on_id", chainId(i - 1));
          json.writeStringProperty("type", "blocks");
          json.writeStringProperty("created_at", at);
          json.writeEndObject();
          json.writeEndArray();
        }
        json.writeEndObject();
        json.writeRaw('\n');
      }
    }
    return out.toByteArray();
  }

  /** The id of the {@code index}-th link of {@link #chain}. */
  public static String chainId(int index) {
    return "chain-" + index;
  }

  private static void writeIssue(
      JsonGenerator json, Random random, int i, int epics, int features, List<String[]> links) {
    String kind;
    String title;
    String description;
    if (i < epics) {
      kind = "epic";
      title = EPICS[i % EPICS.length] + " (epic " + i + ")";
      description = "Epic for " + EPICS[i % EPICS.length];
    } else if (i < epics + features) {
      kind = "feature";
      title = FEATURES[i % FEATURES.length] + " (feature " + i + ")";
      description = "Feature of " + EPICS[(i - epics) % epics % EPICS.length];
    } else {
      kind = "task";
      title = TASKS[i % TASKS.length] + " (task " + i + ")";
      description = "Task under " + FEATURES[i % FEATURES.length];
    }
    description +=
        "; touches module m" + String.format(Locale.ROOT, "%03d", random.nextInt(200)) + " only.";
    boolean closed = random.nextBoolean();
    String status = closed ? "closed" : OPEN_STATUSES[random.nextInt(OPEN_STATUSES.length)];
    Instant created =
        NOW.minus(1 + random.nextInt(180), ChronoUnit.DAYS)
            .plus(random.nextInt(86_400_000), ChronoUnit.MILLIS)
            .plus(random.nextInt(1000), ChronoUnit.MICROS);
    Instant updated = created.plus(random.nextInt(86_400), ChronoUnit.SECONDS);

    json.writeStartObject();
    json.writeStringProperty("id", id(i));
    json.writeStringProperty("title", title);
    json.writeStringProperty("description", description);
    json.writeStringProperty("status", status);
    json.writeNumberProperty("priority", priority(random));
    json.writeStringProperty("issue_type", kind);
    json.writeStringProperty("assignee", ASSIGNEES[random.nextInt(ASSIGNEES.length)]);
    json.writeStringProperty("created_at", MICROS.format(created));
    json.writeStringProperty("created_by", "fixture");
    json.writeStringProperty("updated_at", MICROS.format(updated));
    if (closed) {
      json.writeStringProperty("closed_at", MICROS.format(updated));
      json.writeStringProperty("close_reason", "done");
    }
    Set<String> labels = new java.util.TreeSet<>();
    int labelCount = 1 + random.nextInt(3);
    for (int l = 0; l < labelCount; l++) {
      labels.add(LABELS[random.nextInt(LABELS.length)]);
    }
    json.writeArrayPropertyStart("labels");
    for (String label : labels) {
      json.writeString(label);
    }
    json.writeEndArray();
    if (!links.isEmpty()) {
      json.writeArrayPropertyStart("dependencies");
      for (String[] link : links) {
        json.writeStartObject();
        json.writeStringProperty("issue_id", id(i));
        json.writeStringProperty("depends_on_id", link[0]);
        json.writeStringProperty("type", link[1]);
        json.writeStringProperty("created_at", MICROS.format(created));
        json.writeStringProperty("created_by", "fixture");
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  /** P0 5%, P1 15%, P2 50%, P3 25%, P4 5%. */
  private static int priority(Random random) {
    int r = random.nextInt(100);
    return r < 5 ? 0 : r < 20 ? 1 : r < 70 ? 2 : r < 95 ? 3 : 4;
  }
}
