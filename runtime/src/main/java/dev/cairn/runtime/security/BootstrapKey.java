package dev.cairn.runtime.security;

import dev.cairn.runtime.config.CairnConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps the quick start one command: on a start with no valid admin key, creates one holding every
 * role in the {@link TenantDirectory#PLATFORM} tenant, writes it to {@code $CAIRN_HOME/admin.key}
 * (owner-only) and prints it once. {@code CAIRN_SECURITY_BOOTSTRAP_KEY} (or its alias {@code
 * CAIRN_BOOTSTRAP_KEY}) gives the key instead; it is created if its id does not exist yet.
 */
@ApplicationScoped
public class BootstrapKey {
  /** The actor recorded for the bootstrap key. */
  static final String ACTOR = "system:bootstrap";

  private static final Logger LOG = Logger.getLogger(BootstrapKey.class);
  private final ApiKeys keys;
  private final CairnConfig config;
  private final EntityManager em;

  /**
   * Creates the bean.
   *
   * @param keys API keys
   * @param config configuration
   * @param em entity manager
   */
  public BootstrapKey(ApiKeys keys, CairnConfig config, EntityManager em) {
    this.keys = keys;
    this.config = config;
    this.em = em;
  }

  void onStart(@Observes StartupEvent event) {
    Optional<String> configured =
        config
            .security()
            .bootstrapKey()
            .or(() -> Optional.ofNullable(System.getenv("CAIRN_BOOTSTRAP_KEY")))
            .filter(s -> !s.isBlank());
    if (configured.isPresent()) {
      ensureConfigured(configured.get().strip());
    } else if (config.security().bootstrap()) {
      generateIfNoAdmin();
    }
  }

  private void ensureConfigured(String text) {
    ApiKeyToken token =
        ApiKeyToken.parse(text)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the configured bootstrap key is not of the form cairn_<12 lower-case"
                            + " letters or digits>_<43 letters or digits>"));
    boolean created =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  lock();
                  ApiKeys.Verdict verdict = keys.verify(token);
                  if (verdict.refusal() == null) {
                    return false;
                  }
                  if (verdict.refusal() != ApiKeys.Refusal.UNKNOWN) {
                    LOG.warnf(
                        "the configured bootstrap key %s is %s; it is left as it is",
                        token.id(), verdict.refusal().name().toLowerCase());
                    return false;
                  }
                  if (keys.exists(token.id())) {
                    LOG.warnf(
                        "a key with the configured bootstrap key's id %s exists with another"
                            + " secret; the configured key is not created",
                        token.id());
                    return false;
                  }
                  create(token);
                  return true;
                });
    if (created) {
      LOG.infof("created the configured bootstrap admin key %s", token.id());
    }
  }

  private void generateIfNoAdmin() {
    ApiKeyToken token = ApiKeyToken.generate();
    boolean created =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  lock();
                  if (keys.anyValidAdmin()) {
                    return false;
                  }
                  create(token);
                  return true;
                });
    if (!created) {
      return;
    }
    Path file = Path.of(config.home()).resolve("admin.key");
    String written = write(file, token.text());
    // Printed once, by design: the quick start's only way in. Revoke it after creating your own.
    LOG.infof(
        "created a bootstrap admin key for tenant '%s'%s:%n%n    %s%n%nCreate your own keys with"
            + " it, then revoke it (DELETE /v1/api-keys/%s).",
        TenantDirectory.PLATFORM, written, token.text(), token.id());
  }

  private void create(ApiKeyToken token) {
    keys.createWithToken(
        TenantDirectory.PLATFORM, "bootstrap", EnumSet.allOf(Role.class), ACTOR, token);
  }

  private void lock() {
    em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended('cairn.bootstrap', 0))")
        .getSingleResult();
  }

  private static String write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      Files.writeString(file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
      return ", also written to " + file;
    } catch (IOException e) {
      LOG.warnf("could not write the bootstrap key to %s: %s", file, e.getMessage());
      return "";
    } catch (UncheckedIOException e) {
      return "";
    }
  }
}
