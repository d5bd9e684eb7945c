package dev.cairn.runtime.api.dev;

import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.memory.longterm.ItemRef;
import dev.cairn.runtime.memory.longterm.MemoryService;
import dev.cairn.runtime.memory.longterm.MemoryVersion;
import dev.cairn.runtime.memory.longterm.PersonWrite;
import dev.cairn.runtime.memory.longterm.RecallMode;
import dev.cairn.runtime.security.Caller;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An agent's long-term memory: developers and operators list, search, correct and delete items;
 * auditors read them and their histories, also as they were at any step of a run. A write names the
 * version it replaces ({@code If-Match} or {@code expectedVersion}); a stale one is refused.
 */
@Path("/v1/agents/{name}/memory")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Memory", description = "Agents' versioned long-term memory")
public class MemoryResource {
  private static final String AGENT = "[a-z][a-z0-9-]{0,62}";
  private static final String AGENT_MESSAGE = "not an agent name";
  private static final String ETAG = "\"%d\"";

  private final MemoryService memory;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param memory the memory
   * @param caller the caller
   */
  public MemoryResource(MemoryService memory, CurrentCaller caller) {
    this.memory = memory;
    this.caller = caller;
  }

  /**
   * Lists items, or the items as they were at a run's step or a time.
   *
   * @param agent the agent
   * @param namespace the namespace
   * @param after the last key of the previous page
   * @param limit page size
   * @param deleted whether forgotten items are listed
   * @param asOfRun a run, with {@code asOfSeq}
   * @param asOfSeq the run's step
   * @param asOf a time (ISO 8601), without a run
   * @return a page in key order
   */
  @GET
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "List an agent's memory",
      description =
          "Newest versions in key order; pass nextCursor as 'after'. With asOfRun and asOfSeq:"
              + " the memory as that step of that run saw it (its own writes up to that seq,"
              + " others' up to the step's time); with asOf: as it was at that time.")
  public Page<MemoryItemResponse> list(
      @PathParam("name") @Pattern(regexp = AGENT, message = AGENT_MESSAGE) String agent,
      @QueryParam("namespace") @DefaultValue("") @Size(max = 200) String namespace,
      @QueryParam("after") @Size(max = 200) String after,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
      @QueryParam("deleted")
          @DefaultValue("false")
          @Pattern(regexp = "true|false", message = "true or false")
          String deleted,
      @QueryParam("asOfRun") @Size(max = 36) String asOfRun,
      @QueryParam("asOfSeq") @Min(0) @Max(Integer.MAX_VALUE) Integer asOfSeq,
      @QueryParam("asOf") @Size(max = 40) String asOf) {
    String tenant = caller.get().tenantId();
    List<MemoryVersion> items;
    if (asOfRun != null || asOfSeq != null || asOf != null) {
      items = asOf(tenant, agent, namespace, after, limit, asOfRun, asOfSeq, asOf);
    } else {
      items = memory.list(tenant, agent, namespace, after, Boolean.parseBoolean(deleted), limit);
    }
    String next = items.size() == limit ? items.getLast().key() : null;
    return new Page<>(items.stream().map(MemoryItemResponse::of).toList(), next);
  }

  private List<MemoryVersion> asOf(
      String tenant,
      String agent,
      String namespace,
      String after,
      int limit,
      String run,
      Integer seq,
      String time) {
    if (run != null && seq != null && time == null) {
      return memory.asOf(tenant, agent, namespace, runId(run), seq, null, after, limit);
    }
    if (run == null && seq == null && time != null) {
      return memory.asOf(tenant, agent, namespace, null, 0, instant(time), after, limit);
    }
    throw CairnException.invalid("asOf", "give asOfRun with asOfSeq, or asOf alone");
  }

  /**
   * Searches items as recall does.
   *
   * @param agent the agent
   * @param q the query
   * @param namespace the namespace
   * @param limit most results
   * @param mode hybrid, text or semantic
   * @return the items, best first
   */
  @GET
  @Path("/search")
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "Search an agent's memory",
      description =
          "Hybrid ranking (full-text search fused with embedding similarity) by default;"
              + " mode=text or mode=semantic uses one ranking.")
  public Page<MemoryItemResponse> search(
      @PathParam("name") @Pattern(regexp = AGENT, message = AGENT_MESSAGE) String agent,
      @QueryParam("q") @NotNull @Size(min = 1, max = 1000) String q,
      @QueryParam("namespace") @DefaultValue("") @Size(max = 200) String namespace,
      @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(20) int limit,
      @QueryParam("mode")
          @DefaultValue("hybrid")
          @Pattern(regexp = "hybrid|text|semantic", message = "hybrid, text or semantic")
          String mode) {
    RecallMode recallMode = RecallMode.valueOf(mode.toUpperCase(Locale.ROOT));
    List<MemoryVersion> found =
        memory.search(caller.get().tenantId(), agent, namespace, q, limit, recallMode);
    return new Page<>(found.stream().map(MemoryItemResponse::of).toList(), null);
  }

  /**
   * One item's newest version.
   *
   * @param agent the agent
   * @param key the key
   * @param namespace the namespace
   * @return it, with its version as ETag
   */
  @GET
  @Path("/{key}")
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(summary = "Get a memory item", description = "The ETag is the version.")
  public Response get(
      @PathParam("name") @Pattern(regexp = AGENT, message = AGENT_MESSAGE) String agent,
      @PathParam("key") @Size(max = 200) String key,
      @QueryParam("namespace") @DefaultValue("") @Size(max = 200) String namespace) {
    MemoryVersion head = memory.get(key(agent, namespace, key));
    return Response.ok(MemoryItemResponse.of(head))
        .header("ETag", ETAG.formatted(head.version()))
        .build();
  }

  /**
   * An item's versions.
   *
   * @param agent the agent
   * @param key the key
   * @param namespace the namespace
   * @param after the last version of the previous page
   * @param limit page size
   * @return the versions, oldest first
   */
  @GET
  @Path("/{key}/history")
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "Get a memory item's history",
      description =
          "Every version, deletions included, with who wrote it, when, and from which"
              + " run and step.")
  public Page<MemoryItemResponse> history(
      @PathParam("name") @Pattern(regexp = AGENT, message = AGENT_MESSAGE) String agent,
      @PathParam("key") @Size(max = 200) String key,
      @QueryParam("namespace") @DefaultValue("") @Size(max = 200) String namespace,
      @QueryParam("after") @DefaultValue("0") @Min(0) @Max(Integer.MAX_VALUE) int after,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(200) int limit) {
    List<MemoryVersion> versions = memory.history(key(agent, namespace, key), after, limit);
    String next = versions.size() == limit ? String.valueOf(versions.getLast().version()) : null;
    return new Page<>(versions.stream().map(MemoryItemResponse::of).toList(), next);
  }

  /**
   * Writes a new version: creates the item (expected version 0) or corrects the version read.
   *
   * @param agent the agent
   * @param key the key
   * @param namespace the namespace
   * @param ifMatch the version read, as ETag
   * @param request the text
   * @return 200 with the version written
   */
  @PUT
  @Path("/{key}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME})
  @Operation(
      summary = "Create or correct a memory item",
      description =
          "Name the version you replace: If-Match: \"3\" (stale: 412) or expectedVersion 3"
              + " (stale: 409); 0 creates. Without either: 428. The old version stays in the"
              + " history.")
  public Response put(
      @PathParam("name") @Pattern(regexp = AGENT, message = AGENT_MESSAGE) String agent,
      @PathParam("key") @Size(max = 200) String key,
      @QueryParam("namespace") @DefaultValue("") @Size(max = 200) String namespace,
      @HeaderParam("If-Match") @Size(max = 40) String ifMatch,
      @NotNull @Valid MemoryWriteRequest request) {
    Integer fromHeader = ifMatch == null ? null : version(ifMatch);
    Integer expected = fromHeader != null ? fromHeader : request.expectedVersion();
    if (expected == null) {
      throw new CairnException(
          428,
          "precondition-required",
          "Precondition required",
          "name the version you replace: If-Match or expectedVersion (0 to create)",
          List.of());
    }
    if (fromHeader != null
        && request.expectedVersion() != null
        && !fromHeader.equals(request.expectedVersion())) {
      throw CairnException.invalid("expectedVersion", "differs from If-Match");
    }
    Caller person = caller.get();
    MemoryVersion written =
        memory.write(
            person.tenantId(),
            person.actor(),
            new PersonWrite(
                agent,
                namespace,
                key,
                request.content(),
                Boolean.TRUE.equals(request.pinned()),
                expected,
                fromHeader != null));
    return Response.ok(MemoryItemResponse.of(written))
        .header("ETag", ETAG.formatted(written.version()))
        .build();
  }

  /**
   * Deletes an item: writes a tombstone version; the history stays.
   *
   * @param agent the agent
   * @param key the key
   * @param namespace the namespace
   * @param ifMatch the version read (optional; stale: 412)
   * @return 200 with the tombstone
   */
  @DELETE
  @Path("/{key}")
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME})
  @Operation(
      summary = "Delete a memory item",
      description =
          "Writes a tombstone version (recall and listings stop showing the item; its history"
              + " stays for auditors). With If-Match, only if that is still the newest version.")
  public Response delete(
      @PathParam("name") @Pattern(regexp = AGENT, message = AGENT_MESSAGE) String agent,
      @PathParam("key") @Size(max = 200) String key,
      @QueryParam("namespace") @DefaultValue("") @Size(max = 200) String namespace,
      @HeaderParam("If-Match") @Size(max = 40) String ifMatch) {
    Caller person = caller.get();
    MemoryVersion tombstone =
        memory.delete(
            key(agent, namespace, key), person.actor(), ifMatch == null ? null : version(ifMatch));
    return Response.ok(MemoryItemResponse.of(tombstone))
        .header("ETag", ETAG.formatted(tombstone.version()))
        .build();
  }

  private ItemRef key(String agent, String namespace, String key) {
    return new ItemRef(caller.get().tenantId(), agent, namespace, key);
  }

  private static Integer version(String etag) {
    String v = etag.strip();
    if (v.startsWith("W/")) {
      v = v.substring(2);
    }
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1);
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw CairnException.invalid("If-Match", "must be a version, e.g. \"3\"");
    }
  }

  private static UUID runId(String id) {
    try {
      if (id.length() != 36) {
        throw new IllegalArgumentException();
      }
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw CairnException.invalid("asOfRun", "not a run id (UUID)");
    }
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw CairnException.invalid("asOf", "not an ISO 8601 instant (2026-01-31T12:00:00Z)");
    }
  }
}
