package dev.cairn.runtime.testing;

import java.util.UUID;
import javax.sql.DataSource;

/**
 * Memory items written straight to the database (one version by a person, without an embedding),
 * for tests that need keys to point operations at.
 */
public final class MemoryRows {
  private final Db db;

  /**
   * Wraps a datasource.
   *
   * @param dataSource the application's datasource
   */
  public MemoryRows(DataSource dataSource) {
    this.db = new Db(dataSource);
  }

  /**
   * A fresh item of an agent at version 1.
   *
   * @param tenant the tenant
   * @param agent the agent
   * @return its key
   */
  public String item(String tenant, String agent) {
    UUID id = UUID.randomUUID();
    String key = "fixture-" + id.toString().substring(0, 8);
    db.execute(
        "INSERT INTO memory_item (id, tenant_id, agent_name, namespace, key, created_at,"
            + " head_version, updated_at) VALUES (?, ?, ?, '', ?, now(), 1, now())",
        id,
        tenant,
        agent,
        key);
    db.execute(
        "INSERT INTO memory_version (item_id, version, tenant_id, content, origin, actor,"
            + " created_at) VALUES (?, 1, ?, 'fixture', 'person', 'test', now())",
        id,
        tenant);
    return key;
  }
}
