package dev.tracker.core.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.internal.sync.SyncModel.Edit;
import dev.tracker.core.internal.sync.SyncModel.Op;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * Convergence as an invariant: whatever the edits (on both sides of the same field, deletes,
 * reverts, writes during a sync), the clocks (skewed by up to an hour either way) and the order of
 * syncs (clones that miss several rounds included), once every clone has synced twice with no new
 * edit, every clone's database and the file at the remote's head hold the same issues.
 *
 * <p>The number of histories is {@code jqwik.tries.default} (the build: 10,000; {@code
 * -Dconvergence.tries=1000000} for the long run that {@code docs/RELIABILITY.md} reports).
 */
class ConvergencePropertyTest {

  /** One step of a history. */
  sealed interface Step permits EditStep, SyncStep, RevertStep {}

  /** A clone edits its database. */
  record EditStep(int who, Edit edit) implements Step {}

  /** A clone syncs; {@code during}, when not null, writes to its database mid-sync. */
  record SyncStep(int who, @Nullable Edit during) implements Step {}

  /** A clone reverts its last commit with git. */
  record RevertStep(int who) implements Step {}

  /** The clocks, the initial issues, the steps, and the order of the final syncs. */
  record History(List<Long> skews, int initial, List<Step> steps, List<Integer> finalOrder) {}

  @Property
  void every_clone_and_the_remote_end_equal_after_two_rounds_of_syncs(
      @ForAll("histories") History history) {
    SyncModel model = run(history);

    assertThat(model.converged()).as("states after the final rounds: %s", model.states()).isTrue();
  }

  @Example
  void an_edit_made_on_a_clock_behind_reaches_every_clone() {
    // found by the property when the import kept the stored copy of a newer updated_at
    History history =
        new History(
            List.of(2001L, 0L, 0L),
            0,
            List.of(
                new EditStep(0, new Edit(Op.CREATE, 0, 0)),
                new SyncStep(0, null),
                new SyncStep(1, null),
                new EditStep(1, new Edit(Op.TITLE, 0, 0))),
            List.of(0, 1, 2));

    SyncModel model = run(history);

    assertThat(model.converged()).as("states: %s", model.states()).isTrue();
    assertThat(SyncModel.issues(model.remote.file()).get("c0-0"))
        .extracting(Issue::title)
        .isEqualTo("v0");
  }

  @Example
  void a_close_reason_given_on_one_side_survives_when_the_other_side_then_edits_the_title() {
    // found by the property when close_reason travelled with status as one field
    Divergence divergence =
        new Divergence(
            0,
            List.of(
                new EditStep(0, new Edit(Op.TITLE, 0, 0)),
                new EditStep(1, new Edit(Op.CLOSE, 0, 1)),
                new EditStep(0, new Edit(Op.TITLE, 0, 2))),
            true);

    what_only_one_clone_changed_survives_the_meeting(divergence);
  }

  /** Two clones that edit apart from the same start, then meet: their edits and clocks. */
  record Divergence(long skew, List<EditStep> edits, boolean firstSyncsFirst) {}

  /** The scalar fields whose one-sided changes the oracle follows. */
  private static final List<IssueField<?>> SCALARS =
      List.of(
          IssueField.TITLE,
          IssueField.NOTES,
          IssueField.PRIORITY,
          IssueField.STATUS,
          IssueField.CLOSE_REASON);

  @Property
  void what_only_one_clone_changed_survives_the_meeting(
      @ForAll("divergences") Divergence divergence) {
    SyncModel model = new SyncModel(4, List.of(0L, divergence.skew()));
    Map<String, Issue> base = SyncModel.issues(model.clones.get(0).db);
    for (EditStep step : divergence.edits()) {
      model.edit(model.clones.get(step.who()), step.edit());
    }
    Map<String, Issue> first = SyncModel.issues(model.clones.get(0).db);
    Map<String, Issue> second = SyncModel.issues(model.clones.get(1).db);
    List<SyncModel.Clone> order =
        divergence.firstSyncsFirst()
            ? model.clones
            : List.of(model.clones.get(1), model.clones.get(0));
    for (int round = 0; round < 2; round++) {
      order.forEach(clone -> model.sync(clone, null));
    }

    assertThat(model.converged()).as("states: %s", model.states()).isTrue();
    Map<String, Issue> result = SyncModel.issues(model.remote.file());
    for (String id : union(first.keySet(), second.keySet())) {
      Issue before = base.get(id);
      Issue merged = Objects.requireNonNull(result.get(id), id);
      if (before == null) {
        // created on one side: arrives whole
        assertThat(merged).as(id).isEqualTo(first.containsKey(id) ? first.get(id) : second.get(id));
        continue;
      }
      Issue a = Objects.requireNonNull(first.get(id));
      Issue b = Objects.requireNonNull(second.get(id));
      if (a.isTombstone() || b.isTombstone()) {
        assertThat(merged.isTombstone()).as(id).isTrue();
        continue;
      }
      for (IssueField<?> field : SCALARS) {
        Object was = before.get(field);
        boolean aChanged = !a.get(field).equals(was);
        boolean bChanged = !b.get(field).equals(was);
        if (aChanged != bChanged) {
          assertThat(merged.get(field))
              .as("%s.%s", id, field)
              .isEqualTo((aChanged ? a : b).get(field));
        }
      }
      for (String label : union(union(a.labels(), b.labels()), before.labels())) {
        boolean inA = a.labels().contains(label);
        boolean inB = b.labels().contains(label);
        boolean kept = (inA && inB) || (!before.labels().contains(label) && (inA || inB));
        assertThat(merged.labels().contains(label)).as("%s label %s", id, label).isEqualTo(kept);
      }
    }
  }

  private static <T> Set<T> union(Collection<T> a, Collection<T> b) {
    Set<T> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  @Provide
  Arbitrary<Divergence> divergences() {
    Arbitrary<EditStep> edit =
        Combinators.combine(Arbitraries.integers().between(0, 1), edits()).as(EditStep::new);
    return Combinators.combine(
            Arbitraries.longs().between(-3_600_000, 3_600_000),
            edit.list().ofMaxSize(30),
            Arbitraries.of(true, false))
        .as(Divergence::new);
  }

  /** Runs the history, then two rounds in which every clone syncs, in the history's order. */
  static SyncModel run(History history) {
    SyncModel model = new SyncModel(history.initial(), history.skews());
    List<SyncModel.Clone> clones = model.clones;
    for (Step step : history.steps()) {
      if (step instanceof EditStep edit) {
        model.edit(clone(clones, edit.who()), edit.edit());
      } else if (step instanceof SyncStep sync) {
        model.sync(clone(clones, sync.who()), sync.during());
      } else if (step instanceof RevertStep revert) {
        model.revert(clone(clones, revert.who()));
      }
    }
    for (int round = 0; round < 2; round++) {
      for (int index : history.finalOrder()) {
        model.sync(clone(clones, index), null);
      }
    }
    return model;
  }

  private static SyncModel.Clone clone(List<SyncModel.Clone> clones, int index) {
    return clones.get(Math.floorMod(index, clones.size()));
  }

  /** The most clones a history has; a step names its clone modulo the clones there are. */
  private static final int MAX_CLONES = 3;

  @Provide
  Arbitrary<History> histories() {
    return histories(40);
  }

  /** Histories of two or three clones with up to {@code maxSteps} steps before the final rounds. */
  static Arbitrary<History> histories(int maxSteps) {
    // no flatMap: jqwik compares arbitraries to reuse the generators a flatMap makes, and that
    // comparison would cost more than running the history
    return Combinators.combine(
            Arbitraries.longs().between(-3_600_000, 3_600_000).list().ofMinSize(2).ofMaxSize(3),
            Arbitraries.integers().between(0, 4),
            steps().list().ofMaxSize(maxSteps),
            Arbitraries.shuffle(0, 1, 2))
        .as(
            (clocks, initial, steps, order) ->
                new History(
                    clocks,
                    initial,
                    steps,
                    order.stream().filter(clone -> clone < clocks.size()).toList()));
  }

  private static Arbitrary<Step> steps() {
    Arbitrary<Integer> clone = Arbitraries.integers().between(0, MAX_CLONES - 1);
    Arbitrary<Step> edit = Combinators.combine(clone, edits()).as(EditStep::new);
    Arbitrary<Step> sync = Combinators.combine(clone, edits().injectNull(0.8)).as(SyncStep::new);
    Arbitrary<Step> revert = clone.map(RevertStep::new);
    return Arbitraries.frequencyOf(Tuple.of(6, edit), Tuple.of(3, sync), Tuple.of(1, revert));
  }

  static Arbitrary<Edit> edits() {
    return Combinators.combine(
            Arbitraries.of(Op.class),
            Arbitraries.integers().between(0, 7),
            Arbitraries.integers().between(0, 7))
        .as(Edit::new);
  }
}
