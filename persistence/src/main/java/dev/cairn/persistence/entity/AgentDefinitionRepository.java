package dev.cairn.persistence.entity;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Agent definitions: publish new versions, read latest and history. */
@ApplicationScoped
public class AgentDefinitionRepository implements PanacheRepository<AgentDefinitionEntity> {
  /**
   * The latest version of an agent.
   *
   * @param tenantId tenant
   * @param name agent name
   * @return the latest version, if any
   */
  public Optional<AgentDefinitionEntity> latest(String tenantId, String name) {
    return find("tenantId = ?1 and name = ?2", Sort.descending("version"), tenantId, name)
        .firstResultOptional();
  }

  /**
   * One version of an agent.
   *
   * @param tenantId tenant
   * @param name agent name
   * @param version version
   * @return the version, if any
   */
  public Optional<AgentDefinitionEntity> version(String tenantId, String name, int version) {
    return find("tenantId = ?1 and name = ?2 and version = ?3", tenantId, name, version)
        .firstResultOptional();
  }

  /**
   * All versions of an agent, newest first, bounded.
   *
   * @param tenantId tenant
   * @param name agent name
   * @param limit most versions returned
   * @return the versions
   */
  public List<AgentDefinitionEntity> versions(String tenantId, String name, int limit) {
    return find("tenantId = ?1 and name = ?2", Sort.descending("version"), tenantId, name)
        .page(0, limit)
        .list();
  }

  /**
   * The latest version of every agent, by name, bounded.
   *
   * @param tenantId tenant
   * @param limit most agents returned
   * @return latest versions
   */
  public List<AgentDefinitionEntity> latestOfEach(String tenantId, int limit) {
    return find(
            "from AgentDefinitionEntity a where a.tenantId = ?1 and a.version ="
                + " (select max(d.version) from AgentDefinitionEntity d"
                + " where d.tenantId = a.tenantId and d.name = a.name) order by a.name",
            tenantId)
        .page(0, limit)
        .list();
  }

  /**
   * A page of the latest version of every agent, by name, after a name (keyset).
   *
   * @param tenantId tenant
   * @param afterName only agents whose name sorts after this (null for the first page)
   * @param limit most agents returned
   * @return latest versions, by name
   */
  public List<AgentDefinitionEntity> latestOfEachAfter(
      String tenantId, String afterName, int limit) {
    if (afterName == null) {
      return latestOfEach(tenantId, limit);
    }
    return find(
            "from AgentDefinitionEntity a where a.tenantId = ?1 and a.name > ?2 and a.version ="
                + " (select max(d.version) from AgentDefinitionEntity d"
                + " where d.tenantId = a.tenantId and d.name = a.name) order by a.name",
            tenantId,
            afterName)
        .page(0, limit)
        .list();
  }

  /**
   * A page of an agent's versions, newest first, below a version (keyset).
   *
   * @param tenantId tenant
   * @param name agent name
   * @param beforeVersion only versions below this
   * @param limit most versions returned
   * @return the versions, newest first
   */
  public List<AgentDefinitionEntity> versionsBefore(
      String tenantId, String name, int beforeVersion, int limit) {
    return find(
            "tenantId = ?1 and name = ?2 and version < ?3",
            Sort.descending("version"),
            tenantId,
            name,
            beforeVersion)
        .page(0, limit)
        .list();
  }

  /**
   * Publishes a spec as the next version of the agent; serialized per name by an advisory lock so
   * two concurrent publishes get distinct versions. Must run in a transaction.
   *
   * @param tenantId tenant
   * @param name agent name
   * @param specJson the spec
   * @param specHash hash of the spec
   * @param now publication time
   * @param actor who publishes it
   * @return the new version, or the latest one when its spec is identical
   */
  public AgentDefinitionEntity publish(
      String tenantId, String name, String specJson, String specHash, Instant now, String actor) {
    getEntityManager()
        .createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 1))")
        .setParameter(1, tenantId + ":" + name)
        .getSingleResult();
    Optional<AgentDefinitionEntity> latest = latest(tenantId, name);
    if (latest.isPresent() && latest.get().specHash.equals(specHash)) {
      return latest.get();
    }
    AgentDefinitionEntity entity = new AgentDefinitionEntity();
    entity.tenantId = tenantId;
    entity.name = name;
    entity.version = latest.map(l -> l.version + 1).orElse(1);
    entity.spec = specJson;
    entity.specHash = specHash;
    entity.createdAt = now;
    entity.publishedBy = actor;
    persist(entity);
    return entity;
  }
}
