package dev.cairn.persistence.entity;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads runs for the API: one run, or a page newest first with a keyset cursor. */
@ApplicationScoped
public class RunQueries implements PanacheRepositoryBase<RunEntity, UUID> {
  /**
   * A page position: runs strictly older than (createdAt, id).
   *
   * @param createdAt creation time of the last run seen
   * @param id id of the last run seen
   */
  public record Cursor(Instant createdAt, UUID id) {}

  /**
   * Finds a run of a tenant.
   *
   * @param tenantId tenant
   * @param id run id
   * @return the run, if it exists in this tenant
   */
  public Optional<RunEntity> find(String tenantId, UUID id) {
    return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
  }

  /**
   * A page of runs, newest first.
   *
   * @param tenantId tenant
   * @param status status filter or null
   * @param agent agent filter or null
   * @param after cursor or null for the first page
   * @param limit page size
   * @return the runs
   */
  public List<RunEntity> page(
      String tenantId, String status, String agent, Cursor after, int limit) {
    return page(tenantId, status, agent, null, after, limit);
  }

  /**
   * A page of runs created since a time, newest first.
   *
   * @param tenantId tenant
   * @param status status filter or null
   * @param agent agent filter or null
   * @param since only runs created at or after this, or null for all
   * @param after cursor or null for the first page
   * @param limit page size
   * @return the runs
   */
  public List<RunEntity> page(
      String tenantId, String status, String agent, Instant since, Cursor after, int limit) {
    StringBuilder query = new StringBuilder("tenantId = :tenant");
    Map<String, Object> params = new HashMap<>();
    params.put("tenant", tenantId);
    if (status != null) {
      query.append(" and status = :status");
      params.put("status", status);
    }
    if (agent != null) {
      query.append(" and agentName = :agent");
      params.put("agent", agent);
    }
    if (since != null) {
      query.append(" and createdAt >= :since");
      params.put("since", since);
    }
    if (after != null) {
      query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
      params.put("at", after.createdAt());
      params.put("id", after.id());
    }
    return find(query.toString(), Sort.descending("createdAt", "id"), params).page(0, limit).list();
  }

  /**
   * How many of a tenant's runs are in each status (an index-only count over the listing index).
   *
   * @param tenantId tenant
   * @return status to count, statuses without runs absent
   */
  public Map<String, Long> countByStatus(String tenantId) {
    Map<String, Long> counts = new HashMap<>();
    getEntityManager()
        .createQuery(
            "select r.status, count(r) from RunEntity r where r.tenantId = :tenant group by r.status",
            Object[].class)
        .setParameter("tenant", tenantId)
        .getResultList()
        .forEach(row -> counts.put((String) row[0], (Long) row[1]));
    return counts;
  }
}
