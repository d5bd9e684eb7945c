package dev.cairn.runtime.api.dev;

import dev.cairn.persistence.entity.AgentDefinitionEntity;
import dev.cairn.runtime.agents.AgentService;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.model.VariantReport;
import dev.cairn.runtime.security.Caller;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Publishes and reads agent definitions. */
@Path("/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agents", description = "Versioned, immutable agent definitions")
public class AgentResource {
  private final AgentService agents;
  private final CurrentCaller caller;
  private final VariantReport variantReport;

  /**
   * Creates the resource.
   *
   * @param agents the agent service
   * @param caller the caller
   * @param variantReport the A/B variant report
   */
  public AgentResource(AgentService agents, CurrentCaller caller, VariantReport variantReport) {
    this.agents = agents;
    this.caller = caller;
    this.variantReport = variantReport;
  }

  /**
   * Publishes a definition.
   *
   * @param request the definition
   * @return 201 with the stored version
   */
  @POST
  @RolesAllowed(Role.DEVELOPER_NAME)
  @Operation(
      summary = "Publish an agent definition",
      description =
          "Creates version 1, or the next version when the name exists. Republishing an identical"
              + " spec returns the latest version unchanged.")
  public Response publish(@NotNull @Valid AgentRequest request) {
    Caller developer = caller.get();
    AgentDefinitionEntity stored =
        agents.publish(developer.tenantId(), Commands.publishAgent(request), developer.actor());
    return Response.created(URI.create("/v1/agents/" + stored.name + "/versions/" + stored.version))
        .entity(Dtos.agent(stored))
        .build();
  }

  /**
   * Lists agents.
   *
   * @return the latest version of each agent
   */
  @GET
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(summary = "List agents", description = "The latest version of each agent, by name.")
  public List<AgentResponse> list() {
    return agents.list(caller.get().tenantId()).stream().map(Dtos::agent).toList();
  }

  /**
   * One agent with its versions.
   *
   * @param name agent name
   * @return latest version and version numbers
   */
  @GET
  @Path("/{name}")
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(summary = "Get an agent", description = "The latest version and the list of versions.")
  public AgentVersionsResponse get(@PathParam("name") String name) {
    List<AgentDefinitionEntity> versions = agents.versions(caller.get().tenantId(), name);
    if (versions.isEmpty()) {
      throw CairnException.notFound("agent '" + name + "' does not exist");
    }
    return new AgentVersionsResponse(
        name, Dtos.agent(versions.getFirst()), versions.stream().map(v -> v.version).toList());
  }

  /**
   * One version of an agent.
   *
   * @param name agent name
   * @param version version
   * @return that version
   */
  @GET
  @Path("/{name}/versions/{version}")
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(summary = "Get one version of an agent")
  public AgentResponse version(
      @PathParam("name") String name, @PathParam("version") @Min(1) int version) {
    return agents
        .version(caller.get().tenantId(), name, version)
        .map(Dtos::agent)
        .orElseThrow(
            () ->
                CairnException.notFound(
                    "agent '" + name + "' version " + version + " does not exist"));
  }

  /**
   * How the agent's A/B variants compare.
   *
   * @param name agent name
   * @param since ISO-8601 instant: runs created since then (default 7 days ago, at most 90)
   * @param version only runs of this definition version
   * @return per variant and in total: runs, outcomes, usage, cost, model-call latency
   */
  @GET
  @Path("/{name}/variants/report")
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "Compare an agent's A/B variants",
      description =
          "Runs, completed, failed, completion rate, steps, tokens, cost and model-call latency"
              + " percentiles per variant, with totals over the same runs. Runs without a variant"
              + " are not counted.")
  public VariantReportResponse variantReport(
      @PathParam("name") @Size(max = 63) String name,
      @QueryParam("since") @Size(max = 40) String since,
      @QueryParam("version") @Min(1) @Max(1_000_000) Integer version) {
    Instant from;
    try {
      from = since == null || since.isEmpty() ? null : Instant.parse(since);
    } catch (DateTimeParseException e) {
      throw CairnException.invalid("since", "not an ISO-8601 instant (e.g. 2026-01-31T12:00:00Z)");
    }
    String tenantId = caller.get().tenantId();
    if (agents.latest(tenantId, name).isEmpty()) {
      throw CairnException.notFound("agent '" + name + "' does not exist");
    }
    return VariantReportResponse.of(name, variantReport.of(tenantId, name, from, version));
  }
}
