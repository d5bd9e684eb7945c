package dev.cairn.it;

import java.util.Comparator;

/**
 * One model step of one run, named by the run's input (what the model server can see) and the
 * step's index among the run's model calls (the number of assistant messages already in the
 * request).
 */
record RunStep(String input, int step) implements Comparable<RunStep> {

  private static final Comparator<RunStep> ORDER =
      Comparator.comparing(RunStep::input).thenComparingInt(RunStep::step);

  @Override
  public int compareTo(RunStep other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return input + "/model-step-" + step;
  }
}
