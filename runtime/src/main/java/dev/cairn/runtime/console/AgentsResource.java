package dev.cairn.runtime.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.runtime.api.dev.AgentReader;
import dev.cairn.runtime.api.dev.AgentResponse;
import dev.cairn.runtime.api.problem.CairnException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * The tenant's agent definitions and their versions, read through the service behind {@code
 * /v1/agents} and open to the roles that may read it (developer, operator, auditor). Lists are
 * keyset paged: agents by name, versions newest first.
 */
@Path("/console/agents")
@PermitAll
@Blocking
@Produces(MediaType.TEXT_HTML)
public class AgentsResource {
  private static final int MAX_NAME = 63;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConsoleAuth auth;
  private final AgentReader agents;
  private final ConsoleConfig config;

  /**
   * Creates the resource.
   *
   * @param auth session checks
   * @param agents agent definitions
   * @param config console settings
   */
  public AgentsResource(ConsoleAuth auth, AgentReader agents, ConsoleConfig config) {
    this.auth = auth;
    this.agents = agents;
    this.config = config;
  }

  /**
   * The agents, by name, the latest version of each.
   *
   * @param cookie session cookie
   * @param after the previous page's last name
   * @return the page
   */
  @GET
  public Response list(
      @CookieParam(ConsoleSessions.COOKIE) String cookie, @QueryParam("after") String after) {
    long start = System.nanoTime();
    SignedIn me = reader(cookie);
    String afterName = ConsoleParams.text("after", after, MAX_NAME);
    int size = pageSize();
    List<AgentResponse> page =
        ConsoleParams.call(() -> agents.page(me.caller().tenantId(), afterName, size + 1));
    List<AgentViews.Row> rows = new ArrayList<>();
    for (AgentResponse e : page.subList(0, Math.min(size, page.size()))) {
      rows.add(
          new AgentViews.Row(
              e.name(),
              e.version(),
              e.createdAt().toString(),
              e.publishedBy(),
              model(e),
              "/console/agents/" + path(e.name())));
    }
    String next =
        page.size() > size
            ? "/console/agents?after=" + ConsoleParams.encode(rows.getLast().name())
            : null;
    return RunsResource.timed(
        AgentTemplates.agents(me, new AgentViews.Listing(rows, next)), start, "agents");
  }

  /**
   * One agent: a page of its versions (newest first) and one version's spec, optionally beside
   * another version's.
   *
   * @param cookie session cookie
   * @param name agent name
   * @param version the version to show (default the latest)
   * @param compare a version to show beside it
   * @param before versions below this one (the older page's cursor)
   * @return the page
   */
  @GET
  @Path("/{name}")
  public Response agent(
      @CookieParam(ConsoleSessions.COOKIE) String cookie,
      @PathParam("name") String name,
      @QueryParam("version") String version,
      @QueryParam("compare") String compare,
      @QueryParam("before") String before) {
    long start = System.nanoTime();
    SignedIn me = reader(cookie);
    String tenant = me.caller().tenantId();
    String agent = ConsoleParams.text("name", name, MAX_NAME);
    if (agent == null || !agent.equals(name)) {
      throw ConsoleException.of(CairnException.invalid("name", "not an agent name"));
    }
    Integer wanted = positive("version", version);
    Integer compareWith = positive("compare", compare);
    Integer below = positive("before", before);
    AgentResponse latest = ConsoleParams.call(() -> agents.latest(tenant, agent));
    AgentResponse shown = wanted == null ? latest : version(tenant, agent, wanted);
    AgentResponse other = compareWith == null ? null : version(tenant, agent, compareWith);
    int size = pageSize();
    int cursor = below == null ? Integer.MAX_VALUE : below;
    List<AgentResponse> page =
        ConsoleParams.call(() -> agents.versions(tenant, agent, cursor, size + 1));
    String base = "/console/agents/" + path(agent);
    List<AgentViews.Version> versions = new ArrayList<>();
    for (AgentResponse e : page.subList(0, Math.min(size, page.size()))) {
      versions.add(
          new AgentViews.Version(
              e.version(),
              e.createdAt().toString(),
              e.publishedBy(),
              model(e),
              base + "?version=" + e.version(),
              e.version() == shown.version()));
    }
    String older =
        page.size() > size
            ? base + "?version=" + shown.version() + "&before=" + versions.getLast().version()
            : null;
    AgentViews.Spec shownSpec = spec(shown);
    AgentViews.Spec otherSpec = other == null ? null : spec(other);
    AgentViews.Agent view =
        new AgentViews.Agent(
            agent,
            latest.version(),
            versions,
            older,
            shownSpec,
            otherSpec,
            otherSpec != null && otherSpec.json().equals(shownSpec.json()),
            "/console/runs?agent=" + ConsoleParams.encode(agent),
            base);
    return RunsResource.timed(AgentTemplates.agent(me, view), start, "agent");
  }

  private SignedIn reader(String cookie) {
    SignedIn me = auth.require(cookie);
    ConsoleRoles.require(me, "reading agents", ConsoleRoles.READERS);
    return me;
  }

  private AgentResponse version(String tenant, String agent, int version) {
    return ConsoleParams.call(() -> agents.version(tenant, agent, version));
  }

  private int pageSize() {
    return Math.clamp(config.pageSize(), 1, 99);
  }

  private static Integer positive(String name, String value) {
    String text = ConsoleParams.text(name, value, 10);
    if (text == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(text);
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ConsoleException.of(CairnException.invalid(name, "a version number (1 or more)"));
    }
  }

  private static AgentViews.Spec spec(AgentResponse e) {
    String pretty;
    try {
      pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(e.spec());
    } catch (JsonProcessingException ex) {
      pretty = String.valueOf(e.spec());
    }
    return new AgentViews.Spec(e.version(), e.createdAt().toString(), e.publishedBy(), pretty);
  }

  private static String model(AgentResponse e) {
    if (e.spec() == null) {
      return "";
    }
    JsonNode model = e.spec().path("model");
    String provider = model.path("provider").asText("");
    String name = model.path("name").asText("");
    return name.isEmpty() || name.equals(provider) ? provider : provider + " / " + name;
  }

  /** A name as one path segment (names are lower-case letters, digits and dashes). */
  private static String path(String name) {
    return ConsoleParams.encode(name).replace("+", "%20");
  }
}
