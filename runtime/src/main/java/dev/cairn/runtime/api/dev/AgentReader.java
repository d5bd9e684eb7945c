package dev.cairn.runtime.api.dev;

import dev.cairn.runtime.agents.AgentService;
import dev.cairn.runtime.api.problem.CairnException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Read side of agent definitions as the API shows them ({@link AgentResponse}), keyset paged, with
 * the same not-found answers as {@code /v1/agents}.
 */
@ApplicationScoped
public class AgentReader {
  private final AgentService agents;

  /**
   * Creates the reader.
   *
   * @param agents the agent service
   */
  public AgentReader(AgentService agents) {
    this.agents = agents;
  }

  /**
   * A page of the latest version of each agent, by name.
   *
   * @param tenantId tenant
   * @param afterName only agents after this name (null for the first page)
   * @param limit page size (1-500)
   * @return the agents
   */
  public List<AgentResponse> page(String tenantId, String afterName, int limit) {
    return agents.page(tenantId, afterName, limit).stream().map(Dtos::agent).toList();
  }

  /**
   * A page of an agent's versions, newest first.
   *
   * @param tenantId tenant
   * @param name agent name
   * @param beforeVersion only versions below this ({@link Integer#MAX_VALUE} for the first page)
   * @param limit page size (1-100)
   * @return the versions
   */
  public List<AgentResponse> versions(String tenantId, String name, int beforeVersion, int limit) {
    return agents.versionsPage(tenantId, name, beforeVersion, limit).stream()
        .map(Dtos::agent)
        .toList();
  }

  /**
   * The latest version of an agent.
   *
   * @param tenantId tenant
   * @param name agent name
   * @return the version
   * @throws CairnException 404 when the tenant has no such agent
   */
  public AgentResponse latest(String tenantId, String name) {
    return agents
        .latest(tenantId, name)
        .map(Dtos::agent)
        .orElseThrow(() -> CairnException.notFound("agent '" + name + "' does not exist"));
  }

  /**
   * One version of an agent.
   *
   * @param tenantId tenant
   * @param name agent name
   * @param version version
   * @return the version
   * @throws CairnException 404 when it does not exist in the tenant
   */
  public AgentResponse version(String tenantId, String name, int version) {
    return agents
        .version(tenantId, name, version)
        .map(Dtos::agent)
        .orElseThrow(
            () ->
                CairnException.notFound(
                    "agent '" + name + "' version " + version + " does not exist"));
  }
}
