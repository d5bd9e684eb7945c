package dev.cairn.persistence.entity;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Reads a run's checkpoints in seq order, a page at a time. */
@ApplicationScoped
public class CheckpointQueries
    implements PanacheRepositoryBase<CheckpointEntity, CheckpointEntity.Key> {
  /**
   * Checkpoints with seq greater than {@code afterSeq}, in order.
   *
   * @param tenantId tenant
   * @param runId run
   * @param afterSeq last seq seen (0 for the start)
   * @param limit page size
   * @return the checkpoints
   */
  public List<CheckpointEntity> page(String tenantId, UUID runId, int afterSeq, int limit) {
    return find(
            "tenantId = ?1 and runId = ?2 and seq > ?3",
            Sort.ascending("seq"),
            tenantId,
            runId,
            afterSeq)
        .page(0, limit)
        .list();
  }

  /**
   * The newest checkpoints with seq below {@code beforeSeq}, newest first: a timeline's latest page
   * without reading the older steps.
   *
   * @param tenantId tenant
   * @param runId run
   * @param beforeSeq exclusive upper bound ({@code Integer.MAX_VALUE} for the newest)
   * @param limit page size
   * @return the checkpoints, newest first
   */
  public List<CheckpointEntity> latest(String tenantId, UUID runId, int beforeSeq, int limit) {
    return find(
            "tenantId = ?1 and runId = ?2 and seq < ?3",
            Sort.descending("seq"),
            tenantId,
            runId,
            beforeSeq)
        .page(0, limit)
        .list();
  }
}
