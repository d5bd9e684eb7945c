package dev.cairn.runtime.api.dev;

import dev.cairn.persistence.entity.CheckpointQueries;
import dev.cairn.persistence.entity.RunEntity;
import dev.cairn.persistence.entity.RunQueries;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.security.TenantId;
import dev.cairn.runtime.security.TenantTransactional;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Read side of runs for the API, with opaque keyset cursors. */
@ApplicationScoped
public class RunReader {
  private static final Instant LATEST_CURSOR_TIME = Instant.parse("9999-12-31T23:59:59Z");
  private final RunQueries runs;
  private final CheckpointQueries checkpoints;

  /**
   * Creates the reader.
   *
   * @param runs run queries
   * @param checkpoints checkpoint queries
   */
  public RunReader(RunQueries runs, CheckpointQueries checkpoints) {
    this.runs = runs;
    this.checkpoints = checkpoints;
  }

  /**
   * One run.
   *
   * @param tenantId tenant
   * @param id run id
   * @return the run
   */
  @TenantTransactional
  public RunResponse get(@TenantId String tenantId, UUID id) {
    return runs.find(tenantId, id)
        .map(Dtos::run)
        .orElseThrow(() -> CairnException.notFound("run " + id + " does not exist"));
  }

  /**
   * A page of runs, newest first.
   *
   * @param tenantId tenant
   * @param status status filter or null
   * @param agent agent filter or null
   * @param cursor opaque cursor or null
   * @param limit page size
   * @return the page
   */
  @TenantTransactional
  public Page<RunResponse> page(
      @TenantId String tenantId, String status, String agent, String cursor, int limit) {
    return page(tenantId, status, agent, null, cursor, limit);
  }

  /**
   * A page of runs created since a time, newest first.
   *
   * @param tenantId tenant
   * @param status status filter or null
   * @param agent agent filter or null
   * @param since only runs created at or after this, or null
   * @param cursor opaque cursor or null
   * @param limit page size
   * @return the page
   */
  @TenantTransactional
  public Page<RunResponse> page(
      @TenantId String tenantId,
      String status,
      String agent,
      Instant since,
      String cursor,
      int limit) {
    RunQueries.Cursor after = cursor == null ? null : decode(cursor);
    List<RunEntity> rows = runs.page(tenantId, status, agent, since, after, limit + 1);
    boolean more = rows.size() > limit;
    List<RunEntity> page = more ? rows.subList(0, limit) : rows;
    String next = more ? encode(page.getLast()) : null;
    return new Page<>(page.stream().map(Dtos::run).toList(), next);
  }

  /**
   * A page of a run's checkpoints in seq order.
   *
   * @param tenantId tenant
   * @param runId run
   * @param afterSeq last seq seen
   * @param limit page size
   * @return the page; its cursor is the last seq
   */
  @TenantTransactional
  public Page<CheckpointResponse> checkpoints(
      @TenantId String tenantId, UUID runId, int afterSeq, int limit) {
    if (runs.find(tenantId, runId).isEmpty()) {
      throw CairnException.notFound("run " + runId + " does not exist");
    }
    List<CheckpointResponse> items =
        checkpoints.page(tenantId, runId, afterSeq, limit + 1).stream()
            .map(Dtos::checkpoint)
            .toList();
    boolean more = items.size() > limit;
    List<CheckpointResponse> page = more ? items.subList(0, limit) : items;
    return new Page<>(page, more ? Integer.toString(page.getLast().seq()) : null);
  }

  /**
   * How many of the tenant's runs are in each status.
   *
   * @param tenantId tenant
   * @return status to count
   */
  @TenantTransactional
  public Map<String, Long> countByStatus(@TenantId String tenantId) {
    return runs.countByStatus(tenantId);
  }

  /**
   * The newest checkpoints of a run below a seq, newest first; the cursor is the smallest seq of
   * the page (pass it as {@code beforeSeq} for the older ones).
   *
   * @param tenantId tenant
   * @param runId run
   * @param beforeSeq exclusive upper bound ({@code Integer.MAX_VALUE} for the newest)
   * @param limit page size
   * @return the page
   */
  @TenantTransactional
  public Page<CheckpointResponse> latestCheckpoints(
      @TenantId String tenantId, UUID runId, int beforeSeq, int limit) {
    if (runs.find(tenantId, runId).isEmpty()) {
      throw CairnException.notFound("run " + runId + " does not exist");
    }
    List<CheckpointResponse> items =
        checkpoints.latest(tenantId, runId, beforeSeq, limit + 1).stream()
            .map(Dtos::checkpoint)
            .toList();
    boolean more = items.size() > limit;
    List<CheckpointResponse> page = more ? items.subList(0, limit) : items;
    return new Page<>(page, more ? Integer.toString(page.getLast().seq()) : null);
  }

  private static String encode(RunEntity last) {
    String raw = last.createdAt.getEpochSecond() + ":" + last.createdAt.getNano() + ":" + last.id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static RunQueries.Cursor decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split(":", 3);
      Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
      if (at.isBefore(Instant.EPOCH) || at.isAfter(LATEST_CURSOR_TIME)) {
        throw new IllegalArgumentException("cursor time out of range");
      }
      return new RunQueries.Cursor(at, UUID.fromString(parts[2]));
    } catch (RuntimeException e) {
      throw CairnException.invalid("cursor", "not a cursor returned by this API");
    }
  }
}
