package dev.cairn.runtime.memory.longterm;

import dev.cairn.persistence.store.MemorySearchStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Detects pgvector at startup. When the extension is installed in the database, adds the vector
 * copy of embeddings and its HNSW index (idempotent) and recall uses them; otherwise recall
 * compares embeddings over a bounded set of recent items without an index.
 */
@ApplicationScoped
public class PgvectorSupport {
  private static final Logger LOG = Logger.getLogger(PgvectorSupport.class);
  private final MemorySearchStore store;
  private volatile boolean active;

  /**
   * Creates the detector.
   *
   * @param store recall's queries
   */
  public PgvectorSupport(MemorySearchStore store) {
    this.store = store;
  }

  void onStart(@Observes StartupEvent event) {
    try {
      if (store.pgvectorInstalled()) {
        store.preparePgvector();
        active = true;
        LOG.info("long-term memory: pgvector found, recall uses its index");
      } else {
        LOG.info("long-term memory: pgvector not installed, recall compares embeddings in SQL");
      }
    } catch (RuntimeException e) {
      LOG.warn("long-term memory: pgvector could not be prepared, recall works without it", e);
      active = false;
    }
  }

  /**
   * Whether recall uses pgvector.
   *
   * @return whether the vector copy and index are in place
   */
  public boolean active() {
    return active;
  }
}
