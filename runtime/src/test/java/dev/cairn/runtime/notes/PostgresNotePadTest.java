package dev.cairn.runtime.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.persistence.store.NoteStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Note writes honour the call's idempotency key: a re-run never overwrites a newer value. */
@QuarkusTest
class PostgresNotePadTest {
  @Inject PostgresNotePad notePad;
  @Inject NoteStore store;

  private String tenant;
  private final UUID first = UUID.randomUUID();
  private final UUID second = UUID.randomUUID();

  @BeforeEach
  void aFreshTenant() {
    tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void shouldNotOverwriteANewerValueWhenACallIsRunAgain() {
    notePad.put(tenant, "agent", "plan", "old", first, first + ":3");
    notePad.put(tenant, "agent", "plan", "new", second, second + ":5");

    // Recovery re-runs the first call with its idempotency key.
    notePad.put(tenant, "agent", "plan", "old", first, first + ":3");

    assertThat(notePad.get(tenant, "agent", "plan")).contains("new");
  }

  @Test
  void shouldReportWhetherAPutWasApplied() {
    Instant now = Instant.now();
    assertThat(store.put(tenant, "agent", "k", "v1", first, first + ":3", now)).isTrue();
    assertThat(store.put(tenant, "agent", "k", "v1", first, first + ":3", now)).isFalse();
    assertThat(store.put(tenant, "agent", "k", "v2", first, first + ":4", now)).isTrue();

    assertThat(store.get(tenant, "agent", "k")).contains("v2");
  }

  @Test
  void shouldKeepKeysOfOneTenantApartFromAnothers() {
    String other = "t-" + UUID.randomUUID().toString().substring(0, 8);
    notePad.put(tenant, "agent", "k", "mine", first, first + ":3");
    notePad.put(other, "agent", "k", "theirs", first, first + ":3");

    assertThat(notePad.get(tenant, "agent", "k")).contains("mine");
    assertThat(notePad.get(other, "agent", "k")).contains("theirs");
  }
}
