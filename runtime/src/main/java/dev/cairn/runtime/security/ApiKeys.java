package dev.cairn.runtime.security;

import dev.cairn.persistence.entity.ApiKeyEntity;
import dev.cairn.persistence.entity.ApiKeyRepository;
import dev.cairn.runtime.config.CairnConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys: created and revoked by admins, each bound to one tenant and a set of roles, stored as a
 * hash. A looked-up key is trusted for {@code cairn.security.cache-ttl}, so a revocation reaches
 * every replica within that time (at once on the replica that revoked it).
 */
@ApplicationScoped
public class ApiKeys {
  /** Smallest interval between two recorded uses of a key. */
  static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

  private final ApiKeyRepository keys;
  private final Clock clock;
  private final TtlCache<String, Optional<StoredKey>> cache;
  private final Map<String, Instant> lastTouched = new ConcurrentHashMap<>();

  /**
   * What authentication needs of a stored key.
   *
   * @param id key id
   * @param tenantId tenant
   * @param roles roles
   * @param secretHash hash of the secret
   * @param expiresAt expiry or null
   * @param revoked whether revoked
   */
  record StoredKey(
      String id,
      String tenantId,
      Set<Role> roles,
      byte[] secretHash,
      Instant expiresAt,
      boolean revoked) {}

  /**
   * A key just created: the only moment its secret exists outside the caller's hands.
   *
   * @param key the stored key
   * @param token the full key text, shown once
   */
  public record CreatedKey(ApiKeyEntity key, String token) {}

  /** Why a presented key was refused. */
  public enum Refusal {
    /** No key with this id, or the secret does not match. */
    UNKNOWN,
    /** The key expired. */
    EXPIRED,
    /** The key was revoked. */
    REVOKED
  }

  /**
   * The outcome of presenting a key.
   *
   * @param key the key when accepted
   * @param refusal why it was refused, when it was
   */
  public record Verdict(StoredKey key, Refusal refusal) {}

  /**
   * Creates the service.
   *
   * @param keys key storage
   * @param clock clock
   * @param config configuration
   */
  public ApiKeys(ApiKeyRepository keys, Clock clock, CairnConfig config) {
    this.keys = keys;
    this.clock = clock;
    this.cache = new TtlCache<>(config.security().cacheTtl(), 10_000);
  }

  /**
   * Creates a key.
   *
   * @param tenantId the key's tenant
   * @param name its name
   * @param roles its roles, at least one
   * @param expiresAt expiry, or null
   * @param actor who creates it
   * @return the key and its text
   */
  @TenantTransactional
  public CreatedKey create(
      @TenantId String tenantId, String name, Set<Role> roles, Instant expiresAt, String actor) {
    return insert(tenantId, name, roles, expiresAt, actor, ApiKeyToken.generate());
  }

  /**
   * Creates a key with a given text (the configured bootstrap key), outside any tenant scope.
   *
   * @param tenantId the key's tenant
   * @param name its name
   * @param roles its roles
   * @param actor who creates it
   * @param token the key
   * @return the key and its text
   */
  CreatedKey createWithToken(
      String tenantId, String name, Set<Role> roles, String actor, ApiKeyToken token) {
    return QuarkusTransaction.joiningExisting()
        .call(() -> insert(tenantId, name, roles, null, actor, token));
  }

  private CreatedKey insert(
      String tenantId,
      String name,
      Set<Role> roles,
      Instant expiresAt,
      String actor,
      ApiKeyToken token) {
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("a key needs a role");
    }
    ApiKeyEntity key = new ApiKeyEntity();
    key.id = token.id();
    key.tenantId = tenantId;
    key.name = name;
    key.roles = roles.stream().sorted().map(Role::id).toArray(String[]::new);
    key.secretHash = token.secretHash();
    key.createdAt = clock.instant();
    key.createdBy = actor;
    key.expiresAt = expiresAt;
    keys.persist(key);
    cache.invalidate(key.id);
    return new CreatedKey(key, token.text());
  }

  /**
   * A tenant's key.
   *
   * @param tenantId tenant
   * @param id key id
   * @return the key, if it exists in this tenant
   */
  @TenantTransactional
  public Optional<ApiKeyEntity> find(@TenantId String tenantId, String id) {
    return keys.find(tenantId, id);
  }

  /**
   * A page of keys with the cursor of the next page.
   *
   * @param keys the keys
   * @param nextCursor the next page's cursor, or null on the last page
   */
  public record KeyPage(List<ApiKeyEntity> keys, String nextCursor) {}

  /**
   * A page of a tenant's keys, newest first.
   *
   * @param tenantId tenant
   * @param cursor a cursor from the previous page, or null
   * @param limit page size
   * @return the page
   * @throws IllegalArgumentException when the cursor was not made by this service
   */
  @TenantTransactional
  public KeyPage page(@TenantId String tenantId, String cursor, int limit) {
    List<ApiKeyEntity> rows =
        keys.page(tenantId, cursor == null ? null : decode(cursor), limit + 1);
    boolean more = rows.size() > limit;
    List<ApiKeyEntity> page = more ? rows.subList(0, limit) : rows;
    return new KeyPage(page, more ? encode(page.getLast()) : null);
  }

  private static String encode(ApiKeyEntity last) {
    String raw = last.createdAt.getEpochSecond() + ":" + last.createdAt.getNano() + ":" + last.id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static ApiKeyRepository.Cursor decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split(":", 3);
      if (parts.length != 3 || !ApiKeyToken.isId(parts[2])) {
        throw new IllegalArgumentException("not a cursor");
      }
      return new ApiKeyRepository.Cursor(
          Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a cursor returned by this API", e);
    }
  }

  /**
   * Revokes a key; revoking twice keeps the first revocation.
   *
   * @param tenantId tenant
   * @param id key id
   * @param actor who revokes it
   * @return the key, if it exists in this tenant
   */
  @TenantTransactional
  public Optional<ApiKeyEntity> revoke(@TenantId String tenantId, String id, String actor) {
    Optional<ApiKeyEntity> found = keys.find(tenantId, id);
    found.ifPresent(
        key -> {
          if (key.revokedAt == null) {
            key.revokedAt = clock.instant();
            key.revokedBy = actor;
          }
        });
    cache.invalidate(id);
    return found;
  }

  /**
   * Checks a presented key. Blocking: reads the database when the key is not cached.
   *
   * @param token the presented key
   * @return the key or why it was refused
   */
  public Verdict verify(ApiKeyToken token) {
    Optional<StoredKey> stored = cache.get(token.id(), this::load);
    if (stored.isEmpty() || !token.matches(stored.get().secretHash())) {
      return new Verdict(null, Refusal.UNKNOWN);
    }
    StoredKey key = stored.get();
    if (key.revoked()) {
      return new Verdict(null, Refusal.REVOKED);
    }
    Instant now = clock.instant();
    if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
      return new Verdict(null, Refusal.EXPIRED);
    }
    return new Verdict(key, null);
  }

  /**
   * The caller a key id stands for while the key stays valid: not revoked, not expired. For
   * sessions that proved the key's secret once (the console) and re-check it on every request;
   * revocation reaches them within {@code cairn.security.cache-ttl}, like bearer requests.
   *
   * @param id key id
   * @return the caller, or empty when the key is unknown, revoked or expired
   */
  public Optional<Caller> stillValid(String id) {
    if (!ApiKeyToken.isId(id)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return cache
        .get(id, this::load)
        .filter(key -> !key.revoked())
        .filter(key -> key.expiresAt() == null || now.isBefore(key.expiresAt()))
        .map(key -> new Caller("key:" + key.id(), key.tenantId(), key.roles()));
  }

  /**
   * Records that a key was used: at most one write a minute per key and replica.
   *
   * @param id key id
   */
  public void touch(String id) {
    Instant now = clock.instant();
    // Most requests of a busy key skip the database: this replica wrote the time recently.
    Instant last = lastTouched.get(id);
    if (last != null && last.plus(LAST_USED_RESOLUTION).isAfter(now)) {
      return;
    }
    if (lastTouched.size() >= 10_000) {
      lastTouched.clear();
    }
    lastTouched.put(id, now);
    QuarkusTransaction.requiringNew().run(() -> keys.touch(id, now, LAST_USED_RESOLUTION));
  }

  /**
   * Whether any valid admin key exists, in any tenant.
   *
   * @return true if one does
   */
  boolean anyValidAdmin() {
    return QuarkusTransaction.joiningExisting().call(() -> keys.anyValidAdmin(clock.instant()));
  }

  /**
   * Whether a key with this id exists, in any tenant.
   *
   * @param id key id
   * @return true if it exists
   */
  boolean exists(String id) {
    return QuarkusTransaction.joiningExisting().call(() -> keys.findByIdOptional(id).isPresent());
  }

  private Optional<StoredKey> load(String id) {
    return QuarkusTransaction.joiningExisting()
        .call(() -> keys.findByIdOptional(id).map(ApiKeys::snapshot));
  }

  private static StoredKey snapshot(ApiKeyEntity key) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Arrays.stream(key.roles).map(Role::parse).flatMap(Optional::stream).forEach(roles::add);
    return new StoredKey(
        key.id,
        key.tenantId,
        Set.copyOf(roles),
        key.secretHash.clone(),
        key.expiresAt,
        key.revokedAt != null);
  }
}
