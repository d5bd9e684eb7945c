package dev.cairn.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.persistence.PersistenceException;
import dev.cairn.runtime.api.problem.DatabaseOutage;
import io.quarkus.security.AuthenticationFailedException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class DatabaseOutageTest {

  @Test
  void shouldRecogniseTheWaysAnUnreachableDatabaseIsReported() {
    PSQLException refused =
        new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT);
    SQLException acquisition =
        new SQLException(
            "Acquisition timeout while waiting for new connection", new TimeoutException());

    assertThat(DatabaseOutage.causedBy(refused)).isTrue();
    assertThat(DatabaseOutage.causedBy(acquisition)).isTrue();
    assertThat(DatabaseOutage.causedBy(new SQLTransientConnectionException("gone"))).isTrue();
    assertThat(DatabaseOutage.causedBy(new SQLException("shutting down", "57P01"))).isTrue();
    assertThat(DatabaseOutage.causedBy(new JDBCConnectionException("no connection", refused)))
        .isTrue();
    assertThat(DatabaseOutage.causedBy(new PersistenceException("commit failed", acquisition)))
        .isTrue();
    assertThat(
            DatabaseOutage.causedBy(
                new AuthenticationFailedException(
                    new IllegalStateException(new ConnectException("refused")))))
        .isTrue();
  }

  @Test
  void shouldNotMistakeOtherDatabaseErrorsForAnOutage() {
    assertThat(DatabaseOutage.causedBy(new SQLException("duplicate key", "23505"))).isFalse();
    assertThat(DatabaseOutage.causedBy(new SQLException("value too long", "22001"))).isFalse();
    assertThat(DatabaseOutage.causedBy(new SQLException("no state"))).isFalse();
    assertThat(
            DatabaseOutage.causedBy(
                new PersistenceException("query failed", new SQLException("syntax", "42601"))))
        .isFalse();
    assertThat(DatabaseOutage.causedBy(new AuthenticationFailedException("unknown API key")))
        .isFalse();
    assertThat(DatabaseOutage.causedBy(new IllegalStateException("bug"))).isFalse();
  }
}
