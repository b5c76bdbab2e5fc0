package dev.sidekick.runtime.responder.calibration;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many examples ended each way, by group (the entries' examples, the author's must-hand-off examples, the built-in
 * scenarios'), and the wrong answers by name (the author's examples first: those are theirs to rewrite).
 */
public final class Scorecard {
  /** Whose examples. */
  public enum Group {
    ENTRY,
    HANDOFF,
    BUILT_IN
  }

  private final Map<Group, Map<Calibration.Outcome, Integer>> counts = new EnumMap<>(Group.class);
  private final List<String> problems = new ArrayList<>();
  private final List<String> builtInProblems = new ArrayList<>();

  void add(Group group, Calibration.Outcome o) {
    counts.computeIfAbsent(group, g -> new EnumMap<>(Calibration.Outcome.class)).merge(o, 1, Integer::sum);
  }

  void problem(Group group, String p) {
    (group == Group.BUILT_IN ? builtInProblems : problems).add(p);
  }

  public int count(Calibration.Outcome o) {
    return counts.values().stream().mapToInt(m -> m.getOrDefault(o, 0)).sum();
  }

  public int count(Group group, Calibration.Outcome o) {
    return counts.getOrDefault(group, Map.of()).getOrDefault(o, 0);
  }

  public int size(Group group) {
    return counts.getOrDefault(group, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
  }

  public int correct() {
    return count(Calibration.Outcome.CORRECT);
  }

  public int total() {
    return counts.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
  }

  /** The examples that must be handed off: the author's and the built-in ones. */
  public int mustHandOff() {
    return size(Group.HANDOFF) + size(Group.BUILT_IN);
  }

  /** Wrong entries and false answers: what a customer must never get. */
  public int wrong() {
    return count(Calibration.Outcome.WRONG_ENTRY) + count(Calibration.Outcome.FALSE_ANSWER);
  }

  /** The author's examples answered wrongly, then the built-in ones'. */
  public List<String> problems() {
    List<String> all = new ArrayList<>(problems);
    all.addAll(builtInProblems);
    return all;
  }
}
