package dev.cairn.runtime.mcp;

import dev.cairn.persistence.store.McpApprovalRow;
import dev.cairn.persistence.store.McpApprovalStore;
import dev.cairn.runtime.engine.Json;
import dev.cairn.tools.SideEffect;
import dev.cairn.tools.Tool;
import dev.cairn.tools.ToolException;
import dev.cairn.tools.ToolSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The configured MCP servers as one {@link ToolSource}. Keeps each server's live catalogue (listed
 * at every start of the server) and its approved one (from the database); offers a tool only when
 * its live text hashes as approved, with the approved text. Lookups on the step path read an
 * immutable snapshot.
 */
@ApplicationScoped
public class McpRegistry implements ToolSource {
  private static final Logger LOG = Logger.getLogger(McpRegistry.class);

  private final McpConfig config;
  private final McpApprovalStore store;
  private final Clock clock;
  private final Map<String, McpConnection> connections = new TreeMap<>();
  private final Map<String, McpCatalog> live = new ConcurrentHashMap<>();
  private final Map<String, McpApproval> approved = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private volatile Map<String, Tool> offered = Map.of();
  private volatile Set<String> known = Set.of();

  /**
   * Creates the registry; servers start with the application.
   *
   * @param config MCP configuration
   * @param store approvals
   * @param clock clock
   */
  public McpRegistry(McpConfig config, McpApprovalStore store, Clock clock) {
    this.config = config;
    this.store = store;
    this.clock = clock;
    config.servers().forEach((name, server) -> connections.put(name, connect(name, server)));
  }

  private McpConnection connect(String name, McpConfig.Server server) {
    if (!McpNames.SERVER.matcher(name).matches()) {
      throw new IllegalStateException(
          "cairn.mcp.servers." + name + ": a server name is 1-30 of [a-z0-9-]");
    }
    if (server.command().isPresent() == server.url().isPresent()) {
      throw new IllegalStateException(
          "cairn.mcp.servers." + name + ": set exactly one of command and url");
    }
    return new McpConnection(name, server, clock, catalog -> onCatalog(name, catalog));
  }

  // Before the engine's claim loop starts (default priority), so recovered calls find their tools.
  void onStart(@Observes @Priority(1000) StartupEvent event) {
    if (connections.isEmpty()) {
      return;
    }
    reloadApprovals();
    List<Thread> starting = new ArrayList<>();
    connections.forEach(
        (name, connection) ->
            starting.add(Thread.ofVirtual().name("mcp-start-" + name).start(() -> start(name))));
    for (Thread thread : starting) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void start(String name) {
    try {
      connections.get(name).ready();
      LOG.infof("MCP server '%s' started (catalogue %s)", name, live.get(name).hash());
    } catch (ToolException e) {
      LOG.warnf("MCP server '%s' is unavailable: %s", name, e.getMessage());
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    connections.values().forEach(McpConnection::close);
  }

  /** Reads the approved catalogues again (another replica may have approved one). */
  public void reloadApprovals() {
    loadApprovals();
    rebuild();
  }

  private void loadApprovals() {
    for (McpApprovalRow row : store.loadAll()) {
      approved.put(
          row.server(),
          new McpApproval(
              McpCatalog.fromJson(Json.parse(row.toolsJson()), row.catalogHash()),
              row.approvedAt(),
              row.approvedBy()));
    }
  }

  private void onCatalog(String server, McpCatalog catalog) {
    try {
      // Another replica may have approved since: read the approvals with every new catalogue.
      loadApprovals();
    } catch (RuntimeException e) {
      LOG.warnf("MCP approvals could not be read again (%s); using the ones known", e.toString());
    }
    McpCatalog before = live.put(server, catalog);
    if (before != null && !before.hash().equals(catalog.hash())) {
      LOG.warnf(
          "MCP server '%s' changed its catalogue (%s -> %s); changed tools are disabled until"
              + " approved",
          server, before.hash(), catalog.hash());
    }
    rebuild();
  }

  /**
   * Approves a server's live catalogue, if its hash is the one given.
   *
   * @param server server name
   * @param hash the catalogue hash the admin reviewed
   * @param actor who approves
   * @return the outcome
   */
  public synchronized ApproveOutcome approve(String server, String hash, String actor) {
    if (!connections.containsKey(server)) {
      return ApproveOutcome.UNKNOWN_SERVER;
    }
    McpCatalog current = live.get(server);
    if (current == null) {
      return ApproveOutcome.UNAVAILABLE;
    }
    if (!current.hash().equals(hash)) {
      return ApproveOutcome.HASH_CHANGED;
    }
    McpApproval approval = new McpApproval(current, clock.instant(), actor);
    store.approve(
        new McpApprovalRow(
            server,
            current.hash(),
            Json.write(current.toJson()),
            approval.approvedAt(),
            approval.approvedBy()));
    approved.put(server, approval);
    rebuild();
    LOG.infof("MCP server '%s' catalogue %s approved by %s", server, hash, actor);
    return ApproveOutcome.APPROVED;
  }

  /**
   * Every configured server with its status, in name order.
   *
   * @return the servers
   */
  public List<McpServerStatus> servers() {
    List<McpServerStatus> servers = new ArrayList<>();
    connections.keySet().forEach(name -> servers.add(status(name)));
    return servers;
  }

  /**
   * One server's status.
   *
   * @param server server name
   * @return its status, if configured
   */
  public Optional<McpServerStatus> server(String server) {
    return connections.containsKey(server) ? Optional.of(status(server)) : Optional.empty();
  }

  private McpServerStatus status(String name) {
    McpCatalog current = live.get(name);
    McpApproval approval = approved.get(name);
    McpCatalog approvedCatalog = approval == null ? null : approval.catalog();
    String status =
        current == null
            ? "UNAVAILABLE"
            : approval == null
                ? "UNAPPROVED"
                : current.hash().equals(approvedCatalog.hash()) ? "APPROVED" : "CHANGED";
    List<String> names =
        offered.values().stream()
            .filter(t -> t instanceof McpTool m && m.server().equals(name))
            .map(Tool::name)
            .sorted()
            .toList();
    return new McpServerStatus(
        name,
        config.servers().get(name).command().isPresent() ? "stdio" : "http",
        status,
        current == null ? null : current.hash(),
        approvedCatalog == null ? null : approvedCatalog.hash(),
        approval == null ? null : approval.approvedAt(),
        approval == null ? null : approval.approvedBy(),
        names,
        CatalogDiff.of(name, current, approvedCatalog));
  }

  /**
   * Whether a tool's approved text is still what the running server lists.
   *
   * @param server server name
   * @param text the approved text
   * @return true if the live catalogue has the tool with the same hash
   */
  boolean stillApproved(String server, McpToolText text) {
    McpCatalog current = live.get(server);
    McpToolText now = current == null ? null : current.tools().get(text.name());
    return now != null && now.hash().equals(text.hash());
  }

  /**
   * How many times a server was started (for tests and diagnostics).
   *
   * @param server server name
   * @return starts, 0 for an unknown server
   */
  public int starts(String server) {
    McpConnection connection = connections.get(server);
    return connection == null ? 0 : connection.starts();
  }

  private synchronized void rebuild() {
    Map<String, Tool> tools = new TreeMap<>();
    Set<String> names = new HashSet<>();
    for (Map.Entry<String, McpConnection> entry : connections.entrySet()) {
      String server = entry.getKey();
      McpConfig.Server settings = config.servers().get(server);
      settings.tools().keySet().forEach(t -> McpNames.modelName(server, t).ifPresent(names::add));
      McpCatalog current = live.get(server);
      McpApproval approval = approved.get(server);
      if (approval != null) {
        approval
            .catalog()
            .tools()
            .keySet()
            .forEach(t -> McpNames.modelName(server, t).ifPresent(names::add));
      }
      if (current == null) {
        continue;
      }
      for (McpToolText tool : current.tools().values()) {
        Optional<String> modelName = McpNames.modelName(server, tool.name());
        if (modelName.isEmpty()) {
          continue;
        }
        names.add(modelName.get());
        McpToolText pinned = approval == null ? null : approval.catalog().tools().get(tool.name());
        if (pinned != null && pinned.hash().equals(tool.hash())) {
          tools.putIfAbsent(
              modelName.get(),
              new McpTool(
                  modelName.get(),
                  server,
                  pinned,
                  sideEffect(settings, tool.name()),
                  entry.getValue(),
                  this));
        }
      }
    }
    offered = Collections.unmodifiableMap(tools);
    known = Set.copyOf(names);
    generation.incrementAndGet();
  }

  private static SideEffect sideEffect(McpConfig.Server settings, String tool) {
    McpConfig.ToolSettings toolSettings = settings.tools().get(tool);
    return toolSettings == null ? SideEffect.NON_IDEMPOTENT : toolSettings.sideEffect();
  }

  @Override
  public Map<String, Tool> offered() {
    return offered;
  }

  @Override
  public Set<String> known() {
    return known;
  }

  @Override
  public long generation() {
    return generation.get();
  }
}
