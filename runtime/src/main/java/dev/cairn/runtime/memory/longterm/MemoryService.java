package dev.cairn.runtime.memory.longterm;

import dev.cairn.persistence.store.MemoryKey;
import dev.cairn.persistence.store.MemoryStore;
import dev.cairn.persistence.store.MemoryStore.WriteResult;
import dev.cairn.persistence.store.NewMemoryVersion;
import dev.cairn.runtime.api.problem.CairnException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Long-term memory as people read and change it: list, search, history, memory as of a step,
 * corrections and deletes that name the version they replace (a stale one is refused, never
 * overwritten), and the pinned items a context builder may offer the agent.
 */
@ApplicationScoped
public class MemoryService {
  /** Most pinned items handed to a context builder. */
  public static final int MAX_PINNED = 50;

  private final MemoryStore store;
  private final MemoryRecall recall;
  private final MemoryEmbeddings embeddings;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param store items and versions
   * @param recall search
   * @param embeddings the embedding model
   * @param clock clock
   */
  public MemoryService(
      MemoryStore store, MemoryRecall recall, MemoryEmbeddings embeddings, Clock clock) {
    this.store = store;
    this.recall = recall;
    this.embeddings = embeddings;
    this.clock = clock;
  }

  /**
   * A page of an agent's items (newest versions) in key order.
   *
   * @param tenantId the tenant
   * @param agent the agent
   * @param namespace the namespace
   * @param afterKey the last key of the previous page, or null
   * @param includeDeleted whether forgotten items are listed
   * @param limit page size
   * @return the items
   */
  public List<MemoryVersion> list(
      String tenantId,
      String agent,
      String namespace,
      String afterKey,
      boolean includeDeleted,
      int limit) {
    checkNamespace(namespace);
    return store
        .list(tenantId, agent, namespace, orEmpty(afterKey), includeDeleted, page(limit))
        .stream()
        .map(MemoryVersion::of)
        .toList();
  }

  /**
   * An agent's items as they were at a run's step, or at a time.
   *
   * @param tenantId the tenant
   * @param agent the agent
   * @param namespace the namespace
   * @param runId the run, or null for {@code time} alone
   * @param seq the run's step (with a run)
   * @param time the time (without a run)
   * @param afterKey the last key of the previous page, or null
   * @param limit page size
   * @return per item the version then newest, forgotten items left out
   */
  public List<MemoryVersion> asOf(
      String tenantId,
      String agent,
      String namespace,
      UUID runId,
      int seq,
      Instant time,
      String afterKey,
      int limit) {
    checkNamespace(namespace);
    Instant at = time;
    if (runId != null) {
      at =
          store
              .stepTime(tenantId, runId, seq)
              .orElseThrow(() -> CairnException.notFound("run " + runId + " has no step " + seq));
    }
    return store
        .asOf(tenantId, agent, namespace, orEmpty(afterKey), runId, seq, at, page(limit))
        .stream()
        .map(MemoryVersion::of)
        .toList();
  }

  /**
   * Searches an agent's live items as recall does.
   *
   * @param tenantId the tenant
   * @param agent the agent
   * @param namespace the namespace
   * @param query what to look for
   * @param limit most results
   * @param mode which rankings
   * @return the items, best first
   */
  public List<MemoryVersion> search(
      String tenantId, String agent, String namespace, String query, int limit, RecallMode mode) {
    checkNamespace(namespace);
    MemoryLimits.queryProblem(query)
        .ifPresent(
            p -> {
              throw CairnException.invalid("q", p);
            });
    return recall.recall(tenantId, agent, namespace, query, limit, mode);
  }

  /**
   * One item's newest version.
   *
   * @param key the item
   * @return it (a tombstone shows as deleted)
   */
  public MemoryVersion get(ItemRef ref) {
    MemoryKey key = ref.stored();
    check(key);
    return store.head(key).map(MemoryVersion::of).orElseThrow(() -> missing(key));
  }

  /**
   * An item's versions, oldest first.
   *
   * @param key the item
   * @param afterVersion the last version of the previous page, or 0
   * @param limit page size
   * @return the versions
   */
  public List<MemoryVersion> history(ItemRef ref, int afterVersion, int limit) {
    MemoryKey key = ref.stored();
    check(key);
    List<MemoryVersion> versions =
        store.history(key, afterVersion, page(limit)).stream().map(MemoryVersion::of).toList();
    if (versions.isEmpty() && store.head(key).isEmpty()) {
      throw missing(key);
    }
    return versions;
  }

  /**
   * A person's write: a new item (expected version 0) or a correction of the version they saw.
   *
   * @param tenantId the tenant
   * @param actor who writes
   * @param write what
   * @return the version written
   */
  public MemoryVersion write(String tenantId, String actor, PersonWrite write) {
    MemoryKey key = new MemoryKey(tenantId, write.agent(), write.namespace(), write.key());
    check(key);
    MemoryLimits.contentProblem(write.content())
        .ifPresent(
            p -> {
              throw CairnException.invalid("content", p);
            });
    if (write.expectedVersion() < 0) {
      throw CairnException.invalid("expectedVersion", "must be 0 (create) or a version");
    }
    if (!store.agentExists(tenantId, write.agent())) {
      throw CairnException.notFound("no agent '" + write.agent() + "'");
    }
    float[] embedding = embeddings.embed(write.content());
    NewMemoryVersion version =
        new NewMemoryVersion(
            write.content(),
            Origin.PERSON.id(),
            null,
            write.pinned(),
            false,
            actor,
            embedding,
            null,
            0,
            clock.instant());
    return written(key, store.write(key, version, write.expectedVersion()), write);
  }

  /**
   * Deletes an item: writes a tombstone after the version the person saw (or after the newest, read
   * now, when they name none). The history stays.
   *
   * @param key the item
   * @param actor who deletes
   * @param expectedVersion the version the person saw, or null
   * @return the tombstone
   */
  public MemoryVersion delete(ItemRef ref, String actor, Integer expectedVersion) {
    MemoryKey key = ref.stored();
    MemoryVersion head = get(ref);
    if (head.deleted() && expectedVersion == null) {
      return head;
    }
    int expected = expectedVersion == null ? head.version() : expectedVersion;
    NewMemoryVersion tombstone =
        new NewMemoryVersion(
            "", Origin.PERSON.id(), null, false, true, actor, null, null, 0, clock.instant());
    PersonWrite as =
        new PersonWrite(
            key.agentName(),
            key.namespace(),
            key.key(),
            "",
            false,
            expected,
            expectedVersion != null);
    return written(key, store.write(key, tombstone, expected), as);
  }

  /**
   * Items a person pinned for an agent: text of people only (never a tool's or the web's), for a
   * context builder to offer the agent as data.
   *
   * @param tenantId the tenant
   * @param agent the agent
   * @param namespace the namespace
   * @return up to {@link #MAX_PINNED} items in key order
   */
  public List<MemoryVersion> pinned(String tenantId, String agent, String namespace) {
    checkNamespace(namespace);
    return store.pinned(tenantId, agent, namespace, MAX_PINNED).stream()
        .map(MemoryVersion::of)
        .filter(v -> v.origin() == Origin.PERSON)
        .toList();
  }

  private static MemoryVersion written(MemoryKey key, WriteResult result, PersonWrite write) {
    return switch (result) {
      case WriteResult.Written w -> MemoryVersion.of(w.version());
      case WriteResult.Missing m -> throw missing(key);
      case WriteResult.Stale s -> throw stale(key, s.headVersion(), write);
    };
  }

  private static CairnException stale(MemoryKey key, int head, PersonWrite write) {
    return new CairnException(
        write.conditionalRequest() ? 412 : 409,
        "stale-version",
        "Stale version",
        "memory '"
            + key.key()
            + "' is at version "
            + head
            + ", not "
            + write.expectedVersion()
            + ": read it again and send the version you read",
        List.of());
  }

  private static void check(MemoryKey key) {
    checkNamespace(key.namespace());
    MemoryLimits.keyProblem(key.key())
        .ifPresent(
            p -> {
              throw CairnException.invalid("key", p);
            });
  }

  private static void checkNamespace(String namespace) {
    MemoryLimits.namespaceProblem(namespace)
        .ifPresent(
            p -> {
              throw CairnException.invalid("namespace", p);
            });
  }

  private static int page(int limit) {
    return Math.clamp(limit, 1, MemoryLimits.MAX_PAGE);
  }

  private static String orEmpty(String value) {
    return Optional.ofNullable(value).orElse("");
  }

  private static CairnException missing(MemoryKey key) {
    return CairnException.notFound("no memory '" + key.key() + "'");
  }
}
