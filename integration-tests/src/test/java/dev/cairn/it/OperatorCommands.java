package dev.cairn.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives runs operator commands through the runtime's REST API ({@code POST
 * /v1/runs/{id}/pause|resume|cancel|...}, the approval endpoints), as an operator would: the node
 * named by the caller accepts the command under the run's row lock, validates it against the run,
 * and notifies the replicas. The operator is an API key of the {@code default} tenant (where the
 * scenarios' runs live) with the {@code developer} and {@code operator} roles, created by the
 * platform admin on first use; keys live in the database, so every node of the rig accepts it.
 *
 * <p>Reads used by assertions ({@link #state}, {@link #of}) go to the database, like the other
 * checks of the scenarios.
 */
final class OperatorCommands {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The command kinds without an approval, by the last segment of their endpoint. */
  private static final Map<String, String> PATHS =
      Map.of(
          "PAUSE", "pause",
          "RESUME", "resume",
          "CANCEL", "cancel",
          "RETRY", "retry",
          "STEER", "steer",
          "RECONCILE", "reconcile",
          "RAISE_BUDGET", "budget");

  private final TestDatabase database;
  private final Map<String, CairnClient> clients = new ConcurrentHashMap<>();
  private volatile String key;

  OperatorCommands(TestDatabase database) {
    this.database = database;
  }

  /** Pauses the run at its next step boundary, through {@code via}; returns the command id. */
  String pause(ScenarioRig.Node via, String runId) {
    return send(via, runId, "PAUSE", null);
  }

  /** Resumes a paused run, through {@code via}; returns the command id. */
  String resume(ScenarioRig.Node via, String runId) {
    return send(via, runId, "RESUME", null);
  }

  /**
   * Cancels the run, through {@code via}, interrupting an in-flight model call; returns the command
   * id.
   */
  String cancel(ScenarioRig.Node via, String runId) {
    return send(via, runId, "CANCEL", null);
  }

  /**
   * Gives the run a command through {@code via} and expects it accepted (202, state PENDING).
   *
   * @param kind PAUSE, RESUME, CANCEL, STEER, RETRY, RECONCILE or RAISE_BUDGET (approvals: {@link
   *     #approve}, {@link #reject})
   * @param bodyJson the request body, e.g. {@code {"text":"..."}} for STEER; null for none
   * @return the command id
   */
  String send(ScenarioRig.Node via, String runId, String kind, String bodyJson) {
    String path = PATHS.get(kind);
    if (path == null) {
      throw new IllegalArgumentException("no endpoint for the command " + kind);
    }
    HttpResponse<String> response = post(via, "/v1/runs/" + runId + "/" + path, bodyJson);
    return accepted(response, runId, kind);
  }

  /** The run's approval records ({@code GET /v1/runs/{id}/approvals}), oldest first. */
  List<JsonNode> approvals(ScenarioRig.Node via, String runId) {
    HttpResponse<String> response =
        client(via).exchange("GET", "/v1/runs/" + runId + "/approvals", null);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET approvals of "
              + runId
              + " answered "
              + response.statusCode()
              + ": "
              + body(response));
    }
    List<JsonNode> records = new ArrayList<>();
    read(response).forEach(records::add);
    return records;
  }

  /**
   * Approves a tool call with the hash of the arguments approved; returns the answer whatever its
   * status (202 with the command, or the refusal), for the scenario to check.
   */
  HttpResponse<String> approve(
      ScenarioRig.Node via, String runId, String approvalId, String argumentsHash) {
    ObjectNode body = JSON.createObjectNode().put("argumentsHash", argumentsHash);
    return post(
        via, "/v1/runs/" + runId + "/approvals/" + approvalId + "/approve", body.toString());
  }

  /** Rejects a tool call; returns the answer whatever its status. */
  HttpResponse<String> reject(
      ScenarioRig.Node via, String runId, String approvalId, String reason) {
    ObjectNode body = JSON.createObjectNode().put("reason", reason);
    return post(via, "/v1/runs/" + runId + "/approvals/" + approvalId + "/reject", body.toString());
  }

  /**
   * The id of the command in a 202 answer; fails unless the answer is the run's new PENDING command
   * of that kind, given by this operator.
   */
  String accepted(HttpResponse<String> response, String runId, String kind) {
    if (response.statusCode() != 202) {
      throw new IllegalStateException(
          kind
              + " for run "
              + runId
              + " answered "
              + response.statusCode()
              + ": "
              + body(response));
    }
    JsonNode command = read(response);
    if (!runId.equals(command.path("runId").asText())
        || !kind.equals(command.path("kind").asText())
        || !"PENDING".equals(command.path("state").asText())
        || command.path("seq").asLong(0) < 1
        || !actor().equals(command.path("actor").asText())
        || command.path("id").asText("").isEmpty()) {
      throw new IllegalStateException(
          kind + " for run " + runId + " accepted as an unexpected command: " + command);
    }
    return command.path("id").asText();
  }

  /** The actor the runtime records for the operator's commands: {@code key:<key id>}. */
  String actor() {
    String token = key;
    if (token == null) {
      throw new IllegalStateException("the operator has no key yet");
    }
    // cairn_<12-character id>_<secret>
    return "key:" + token.substring("cairn_".length(), token.indexOf('_', "cairn_".length()));
  }

  /** The command's state: PENDING, APPLIED or REJECTED. */
  String state(String commandId) {
    return Sql.column(database, "SELECT state FROM operator_command WHERE id = ?::uuid", commandId)
        .get(0);
  }

  /** Every command of the run, rendered in seq order, for assertions and failure messages. */
  List<String> of(String runId) {
    return Sql.rows(
        database,
        "SELECT seq, kind, state, outcome, applied_seq, actor FROM operator_command"
            + " WHERE run_id = ?::uuid ORDER BY seq",
        runId);
  }

  private HttpResponse<String> post(ScenarioRig.Node via, String path, String bodyJson) {
    return client(via).exchange("POST", path, bodyJson);
  }

  private CairnClient client(ScenarioRig.Node via) {
    String operatorKey = operatorKey(via);
    return clients.computeIfAbsent(
        via.process().baseUrl(), url -> new CairnClient(url, operatorKey));
  }

  /**
   * Creates the operator's key through {@code via} now rather than on the first command (so that a
   * timed command does not include it); any node accepts the key afterwards.
   */
  void signIn(ScenarioRig.Node via) {
    client(via);
  }

  /** The operator's key, created through {@code via} by the platform admin on first use. */
  private synchronized String operatorKey(ScenarioRig.Node via) {
    if (key == null) {
      HttpResponse<String> created =
          via.client()
              .exchange(
                  "POST",
                  "/v1/api-keys",
                  """
                  {"name":"it-operator","roles":["developer","operator"],"tenant":"default"}""");
      if (created.statusCode() != 201) {
        throw new IllegalStateException(
            "cannot create the operator's key: " + created.statusCode() + " " + body(created));
      }
      String token = read(created).path("key").asText("");
      if (!token.startsWith("cairn_")) {
        throw new IllegalStateException("no key in the answer: " + body(created));
      }
      key = token;
    }
    return key;
  }

  private static JsonNode read(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + body(response), e);
    }
  }

  private static String body(HttpResponse<String> response) {
    String text = response.body();
    return text == null ? "" : text;
  }
}
