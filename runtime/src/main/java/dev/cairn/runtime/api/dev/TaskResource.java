package dev.cairn.runtime.api.dev;

import dev.cairn.runtime.security.Caller;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import dev.cairn.runtime.tasks.SignalService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A run's task graph, and signals to runs that wait for them. */
@Path("/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Runs", description = "Durable agent runs")
public class TaskResource {
  private final TaskGraphReader graphs;
  private final SignalService signals;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param graphs task graphs
   * @param signals signals
   * @param caller the caller
   */
  public TaskResource(TaskGraphReader graphs, SignalService signals, CurrentCaller caller) {
    this.graphs = graphs;
    this.signals = signals;
    this.caller = caller;
  }

  /**
   * A run's task graph.
   *
   * @param id run id
   * @return the graph
   */
  @GET
  @Path("/{id}/tasks")
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "Get a run's task graph",
      description =
          "The root task (the run), its subtasks with dependencies, states and readiness, the"
              + " child runs it started with their status and result, and its latest signals.")
  public TaskGraphResponse tasks(@PathParam("id") String id) {
    return graphs.graph(caller.get().tenantId(), parseId(id));
  }

  /**
   * Sends a signal to a run.
   *
   * @param id run id
   * @param idempotencyKey optional client key
   * @param request the signal
   * @return 202 with the stored signal
   */
  @POST
  @Path("/{id}/signals")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME})
  @Operation(
      summary = "Send a signal to a run",
      description =
          "Stores the signal; a run waiting in wait_for_signal for this name wakes at once and"
              + " receives the payload, a run not waiting yet receives it when it waits. 404 for"
              + " an unknown run, 409 for a finished one.")
  public Response signal(
      @PathParam("id") String id,
      @Parameter(description = "Client key making the signal safe to retry")
          @HeaderParam("Idempotency-Key")
          @Size(min = 1, max = 200)
          @Pattern(regexp = "[\\x21-\\x7E]+", message = "printable ASCII without spaces")
          String idempotencyKey,
      @NotNull @Valid SignalRequest request) {
    Caller sender = caller.get();
    SignalService.Sent sent =
        signals.send(
            sender.tenantId(),
            parseId(id),
            request.name(),
            request.payload(),
            idempotencyKey,
            sender.actor());
    Response.ResponseBuilder response =
        Response.accepted(
            new SignalResponse(
                sent.id().toString(),
                sent.runId().toString(),
                sent.name(),
                sent.createdAt(),
                sent.woke()));
    if (sent.replayed()) {
      response.header("Idempotent-Replayed", "true");
    }
    return response.build();
  }

  private static UUID parseId(String id) {
    try {
      if (id == null || id.length() != 36) {
        throw new IllegalArgumentException();
      }
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw dev.cairn.runtime.api.problem.CairnException.invalid("id", "not an id (UUID)");
    }
  }
}
