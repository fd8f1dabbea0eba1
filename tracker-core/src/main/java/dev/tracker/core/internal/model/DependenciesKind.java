package dev.tracker.core.internal.model;

import dev.tracker.core.Dependency;
import dev.tracker.core.DependencyType;
import dev.tracker.core.IssueField;
import dev.tracker.core.internal.jsonl.FieldReader;
import dev.tracker.core.internal.jsonl.JsonOut;
import dev.tracker.core.internal.jsonl.KeptObject;
import dev.tracker.core.internal.jsonl.RawJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Dependencies: an array of {@code {"issue_id","depends_on_id","type","created_at","created_by"}}
 * objects, in {@link Dependency#ORDER}; one per target and type.
 */
final class DependenciesKind extends ListKind<Dependency> {

  /** The keys of a dependency, in the order of the format; any other key is kept as an extra. */
  static final List<String> KEYS =
      List.of("issue_id", "depends_on_id", "type", "created_at", "created_by");

  private static final Set<String> KNOWN = Set.copyOf(KEYS);

  @Override
  public @Nullable List<Dependency> read(FieldReader issue, String key, Default.Values line) {
    if (!issue.has(key)) {
      return null;
    }
    String id = line.get(IssueField.ID);
    Instant createdAt = line.get(IssueField.CREATED_AT);
    List<Dependency> dependencies = new ArrayList<>();
    // the store keys dependencies by (issue, target, type): a repeat would fail the import later
    Map<String, String> seen = new HashMap<>();
    for (FieldReader fields : issue.objects(key)) {
      Lines.requireLineId(fields, id);
      String dependsOnId = fields.requiredString("depends_on_id");
      DependencyType type = fields.requiredToken("type", DependencyType::of);
      String earlier = seen.putIfAbsent(dependsOnId + '\0' + type.value(), fields.path());
      if (earlier != null) {
        throw fields.error(
            fields.path()
                + " repeats depends_on_id "
                + FieldReader.quote(dependsOnId)
                + " with type "
                + FieldReader.quote(type.value())
                + " of "
                + earlier);
      }
      dependencies.add(
          new Dependency(
              id,
              dependsOnId,
              type,
              fields.instant("created_at", createdAt),
              fields.string("created_by", ""),
              fields.extras(KNOWN)));
    }
    return dependencies;
  }

  @Override
  public List<Dependency> canonical(List<Dependency> value) {
    return value.stream().sorted(Dependency.ORDER).toList();
  }

  @Override
  protected void writeElement(JsonOut out, Dependency dependency) {
    out.startObject();
    for (int key = 0; key < KEYS.size(); key++) {
      if (present(dependency, key)) {
        out.name(KEYS.get(key));
        writeValue(out, dependency, key);
      }
    }
    out.extras(dependency.extras(), KNOWN, dependency.issueId());
    out.endObject();
  }

  @Override
  protected void writeElement(
      JsonOut out, Dependency dependency, Dependency before, String beforeText) {
    if (!beforeText.startsWith("{")) {
      writeElement(out, dependency);
      return;
    }
    KEPT.write(out, RawJson.members(beforeText), before, dependency, dependency.issueId());
  }

  /** The value of the key at a position of {@link #KEYS}. */
  private static Object value(Dependency dependency, int key) {
    return switch (key) {
      case 0 -> dependency.issueId();
      case 1 -> dependency.dependsOnId();
      case 2 -> dependency.type();
      case 3 -> dependency.createdAt();
      default -> dependency.createdBy();
    };
  }

  private static boolean present(Dependency dependency, int key) {
    return key != 4 || !dependency.createdBy().isEmpty();
  }

  private static void writeValue(JsonOut out, Dependency dependency, int key) {
    switch (key) {
      case 0 -> out.string(dependency.issueId());
      case 1 -> out.string(dependency.dependsOnId());
      case 2 -> out.string(dependency.type().value());
      case 3 -> out.instant(dependency.createdAt());
      default -> out.string(dependency.createdBy());
    }
  }

  private static final KeptObject<Dependency, Dependency> KEPT =
      new KeptElement<>(
          KEYS,
          DependenciesKind::value,
          DependenciesKind::present,
          DependenciesKind::writeValue,
          Dependency::extras);

  @Override
  public JsonNode toNode(List<Dependency> value) {
    throw new UnsupportedOperationException("dependencies are not a param");
  }

  @Override
  public String key(Dependency dependency) {
    return dependency.dependsOnId() + "\n" + dependency.type().value();
  }
}
