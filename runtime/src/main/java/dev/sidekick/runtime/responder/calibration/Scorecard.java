package dev.sidekick.runtime.responder.calibration;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** How many examples ended each way, and the wrong answers by name. */
public final class Scorecard {
  private final Map<Calibration.Outcome, Integer> counts = new EnumMap<>(Calibration.Outcome.class);
  private final List<String> problems = new ArrayList<>();

  void add(Calibration.Outcome o) {
    counts.merge(o, 1, Integer::sum);
  }

  void problem(String p) {
    problems.add(p);
  }

  public int count(Calibration.Outcome o) {
    return counts.getOrDefault(o, 0);
  }

  public int correct() {
    return count(Calibration.Outcome.CORRECT);
  }

  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Wrong entries and false answers: what a customer must never get. */
  public int wrong() {
    return count(Calibration.Outcome.WRONG_ENTRY) + count(Calibration.Outcome.FALSE_ANSWER);
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }
}
