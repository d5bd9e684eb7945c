package dev.cairn.it;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;

import dev.cairn.testing.FakeOpenAiServer.ChatCall;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Bookkeeping for the bound "model calls per step &lt;= 1 + kills that hit that step".
 *
 * <p>A kill hits a model step when the killed incarnation had sent the step's model call and the
 * step's checkpoint was not committed when the process was gone: its answer is then lost and asking
 * again is legitimate. Any further call means a recorded answer was asked for again, or two owners
 * worked on the same step.
 */
final class ModelCallBook {

  private final Map<RunStep, Integer> hits = new TreeMap<>();
  private final List<Kill> kills = new ArrayList<>();

  /**
   * Records one kill.
   *
   * @param node the killed node
   * @param incarnationCalls model calls the killed incarnation sent
   * @param inFlight calls received but not yet answered just before the kill
   * @param checkpointsByInput committed checkpoints per run input, read after the process was gone
   */
  Kill recordKill(
      String node,
      Collection<ChatCall> incarnationCalls,
      Collection<ChatCall> inFlight,
      Map<String, Integer> checkpointsByInput) {
    Set<RunStep> hit = new TreeSet<>();
    for (ChatCall call : incarnationCalls) {
      RunStep step = CrashyAgent.runStep(call);
      int committed = checkpointsByInput.getOrDefault(step.input(), 0);
      if (committed < CrashyAgent.seqOfModelStep(step.step())) {
        hit.add(step);
      }
    }
    hit.forEach(step -> hits.merge(step, 1, Integer::sum));
    Set<RunStep> unanswered = new TreeSet<>();
    inFlight.forEach(call -> unanswered.add(CrashyAgent.runStep(call)));
    Kill kill = new Kill(kills.size() + 1, node, List.copyOf(unanswered), List.copyOf(hit));
    kills.add(kill);
    return kill;
  }

  List<Kill> kills() {
    return List.copyOf(kills);
  }

  /** Steps asked more often than the bound allows, described for a failure message. */
  List<String> violations(Collection<ChatCall> allCalls) {
    Map<RunStep, Long> calls =
        allCalls.stream().collect(groupingBy(CrashyAgent::runStep, TreeMap::new, counting()));
    List<String> violations = new ArrayList<>();
    calls.forEach(
        (step, count) -> {
          int allowed = 1 + hits.getOrDefault(step, 0);
          if (count > allowed) {
            violations.add(step + ": " + count + " model calls, allowed " + allowed);
          }
        });
    return violations;
  }

  /** Number of repeated model calls (beyond the first per step) that kills made legitimate. */
  int excusedRepeats(Collection<ChatCall> allCalls) {
    Map<RunStep, Long> calls =
        allCalls.stream().collect(groupingBy(CrashyAgent::runStep, TreeMap::new, counting()));
    int repeats = 0;
    for (Map.Entry<RunStep, Long> entry : calls.entrySet()) {
      repeats += (int) Math.min(entry.getValue() - 1, hits.getOrDefault(entry.getKey(), 0));
    }
    return repeats;
  }

  /**
   * One kill.
   *
   * @param number 1-based
   * @param unanswered model steps whose call had no answer yet at the kill
   * @param hit model steps whose call was sent and whose checkpoint was missing after the kill
   */
  record Kill(int number, String node, List<RunStep> unanswered, List<RunStep> hit) {}
}
