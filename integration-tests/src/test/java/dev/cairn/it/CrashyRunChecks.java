package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks on the runs of {@link CrashyAgent} a scenario submitted, shared by {@link KillHarness} and
 * {@link ScenarioRig}: each run's steps, its webhook effect and what the API reports.
 *
 * @param database the scenario's database
 * @param ledger the webhook ledger
 * @param inputsByRunId run id to run input, for every acknowledged run (read when a check runs)
 * @param context what failure messages start with (the seed)
 */
record CrashyRunChecks(
    TestDatabase database, LedgerServer ledger, Map<String, String> inputsByRunId, String context) {

  /** Every run took the script's steps, no more (a repeated step) and no fewer (a skipped one). */
  void assertEveryRunTookScriptedSteps() {
    assertThat(
            Sql.rows(
                database,
                "SELECT id, status, step_count FROM agent_run WHERE step_count <> ?",
                CrashyAgent.STEPS_PER_RUN))
        .as("%s: runs whose step count is not %d", context, CrashyAgent.STEPS_PER_RUN)
        .isEmpty();
  }

  /** Each run applied its one webhook effect, for its own input. */
  void assertEachRunAppliedItsEffect() {
    Map<String, Integer> effectsByRun = new HashMap<>();
    List<String> crossed = new ArrayList<>();
    for (String key : ledger.appliedKeys()) {
      String runId = key.substring(0, Math.max(0, key.indexOf(':')));
      effectsByRun.merge(runId, 1, Integer::sum);
      String expected = inputsByRunId.get(runId);
      String actual =
          ledger.effect(key).map(body -> body.path("payload").path("run").asText()).orElse(null);
      if (expected == null || !expected.equals(actual)) {
        crossed.add(key + " carried run " + actual + ", expected " + expected);
      }
    }
    assertThat(crossed).as("%s: webhook effects applied for the wrong run", context).isEmpty();
    Map<String, Integer> expected = new HashMap<>();
    inputsByRunId.keySet().forEach(id -> expected.put(id, 1));
    assertThat(effectsByRun)
        .as("%s: webhook effects applied per run (one each)", context)
        .isEqualTo(expected);
  }

  /**
   * The API agrees with the database: every run COMPLETED, with the answer of its own input.
   *
   * @param client a live node's client
   */
  void assertApiReportsCompleted(CairnClient client) {
    List<String> wrong = new ArrayList<>();
    inputsByRunId.forEach(
        (id, input) -> {
          JsonNode run = client.getRun(id);
          if (!"COMPLETED".equals(run.path("status").asText())
              || !run.path("result").toString().contains("done " + input)) {
            wrong.add(input + " " + run);
          }
        });
    assertThat(wrong).as("%s: runs the API does not report completed", context).isEmpty();
  }

  /**
   * Committed checkpoints per run input, e.g. for {@link ModelCallBook#recordKill}.
   *
   * @return input to checkpoint count
   */
  Map<String, Integer> checkpointsByInput() {
    Map<String, Integer> byInput = new HashMap<>();
    Sql.query(
            database,
            "SELECT r.id::text, count(c.seq) FROM agent_run r"
                + " LEFT JOIN checkpoint c ON c.run_id = r.id GROUP BY r.id",
            rs -> Map.entry(rs.getString(1), rs.getInt(2)))
        .forEach(
            entry -> {
              String input = inputsByRunId.get(entry.getKey());
              if (input != null) {
                byInput.put(input, entry.getValue());
              }
            });
    return byInput;
  }
}
