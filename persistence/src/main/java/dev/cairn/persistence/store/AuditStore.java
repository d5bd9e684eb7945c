package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;
import static dev.cairn.persistence.Jdbc.setText;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.PersistenceException;
import dev.cairn.persistence.SqlFile;
import dev.cairn.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The audit log's reads and the digests' writes. Records are written by the database itself (the
 * triggers of migration V18), never through this store.
 */
@ApplicationScoped
public class AuditStore {
  private static final int FETCH = 500;
  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public AuditStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * A page of a tenant's records, in its scope.
   *
   * @param q the filters
   * @return the records in seq order
   */
  public List<AuditEventRow> events(AuditQuery q) {
    return inScope(
        q.tenantId(),
        "list audit events",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("list_audit_events"))) {
            ps.setString(1, q.tenantId());
            ps.setLong(2, q.afterSeq());
            setText(ps, 3, q.actor());
            setText(ps, 4, q.actor());
            setText(ps, 5, q.action());
            setText(ps, 6, q.action());
            setText(ps, 7, q.targetId());
            setText(ps, 8, q.targetId());
            setInstant(ps, 9, q.from());
            setInstant(ps, 10, q.from());
            setInstant(ps, 11, q.to());
            setInstant(ps, 12, q.to());
            ps.setInt(13, q.limit());
            List<AuditEventRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(event(rs));
              }
            }
            return rows;
          }
        });
  }

  /**
   * A page of a tenant's records newest first, in its scope.
   *
   * @param q the filters (its {@code afterSeq} still bounds the page from below)
   * @param beforeSeq only records below this seq ({@link Long#MAX_VALUE} for the first page)
   * @return the records in descending seq order
   */
  public List<AuditEventRow> eventsNewestFirst(AuditQuery q, long beforeSeq) {
    return inScope(
        q.tenantId(),
        "list audit events newest first",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(SqlFile.load("list_audit_events_newest"))) {
            ps.setString(1, q.tenantId());
            ps.setLong(2, q.afterSeq());
            ps.setLong(3, beforeSeq);
            setText(ps, 4, q.actor());
            setText(ps, 5, q.actor());
            setText(ps, 6, q.action());
            setText(ps, 7, q.action());
            setText(ps, 8, q.targetId());
            setText(ps, 9, q.targetId());
            setInstant(ps, 10, q.from());
            setInstant(ps, 11, q.from());
            setInstant(ps, 12, q.to());
            setInstant(ps, 13, q.to());
            ps.setInt(14, q.limit());
            List<AuditEventRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(event(rs));
              }
            }
            return rows;
          }
        });
  }

  /**
   * A page of a tenant's signed digests, in its scope.
   *
   * @param tenantId the tenant
   * @param after only digests of later periods (null for the first page)
   * @param limit page size
   * @return the digests in period order
   */
  public List<AuditDigestRow> digests(String tenantId, Instant after, int limit) {
    return inScope(
        tenantId,
        "list audit digests",
        c -> {
          try (PreparedStatement ps = digestQuery(c, tenantId, after, limit)) {
            List<AuditDigestRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(digest(rs));
              }
            }
            return rows;
          }
        });
  }

  /**
   * Reads a tenant's chain in one transaction of its scope.
   *
   * @param tenantId the tenant
   * @param work what to do with the chain; the reader is valid only during the call
   * @param <T> the result type
   * @return the work's result
   */
  public <T> T readChain(String tenantId, Function<AuditChainReader, T> work) {
    return inScope(
        tenantId,
        "read audit chain",
        c -> {
          try (PreparedStatement events = c.prepareStatement(SqlFile.load("read_audit_chain"));
              PreparedStatement digests =
                  c.prepareStatement(SqlFile.load("read_audit_digests_by_seq"))) {
            events.setString(1, tenantId);
            digests.setString(1, tenantId);
            events.setFetchSize(FETCH);
            digests.setFetchSize(FETCH);
            try (ResultSet eventRows = events.executeQuery();
                ResultSet digestRows = digests.executeQuery()) {
              return work.apply(new Reader(c, tenantId, eventRows, digestRows));
            }
          }
        });
  }

  /**
   * Every tenant's chain head that has no digest for the period yet (engine scope).
   *
   * @param periodStart the period
   * @return the heads to sign, in tenant order
   */
  public List<ChainHead> headsToSign(Instant periodStart) {
    return Jdbc.inAutoCommit(
        dataSource,
        "read audit heads",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("audit_heads_to_sign"))) {
            setInstant(ps, 1, periodStart);
            List<ChainHead> heads = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                heads.add(new ChainHead(rs.getString(1), rs.getLong(2), rs.getString(3)));
              }
            }
            return heads;
          }
        });
  }

  /**
   * Chains committed records that no commit chained (the asynchronous mode), at most {@code
   * maxRows} per tenant.
   *
   * @param maxRows most records per tenant
   * @return records chained
   */
  public long chainCommitted(int maxRows) {
    return Jdbc.inAutoCommit(
        dataSource,
        "chain audit records",
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT audit_chain_committed(?)")) {
            ps.setInt(1, maxRows);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /**
   * Inserts signed digests in one statement; a tenant's period already signed (by another replica)
   * keeps its digest.
   *
   * @param digests the digests
   * @return how many were inserted
   */
  public int insertDigests(List<AuditDigestRow> digests) {
    if (digests.isEmpty()) {
      return 0;
    }
    return Jdbc.inAutoCommit(
        dataSource,
        "insert audit digests",
        c -> {
          int n = digests.size();
          Object[][] columns = new Object[7][n];
          for (int i = 0; i < n; i++) {
            AuditDigestRow d = digests.get(i);
            columns[0][i] = d.tenantId();
            columns[1][i] = utc(d.periodStart());
            columns[2][i] = d.coversSeq();
            columns[3][i] = d.headHash();
            columns[4][i] = utc(d.signedAt());
            columns[5][i] = d.keyId();
            columns[6][i] = d.signature();
          }
          String[] types = {"text", "timestamptz", "int8", "text", "timestamptz", "text", "text"};
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("insert_audit_digests"))) {
            for (int k = 0; k < 7; k++) {
              ps.setArray(k + 1, c.createArrayOf(types[k], columns[k]));
            }
            return ps.executeUpdate();
          }
        });
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(java.time.ZoneOffset.UTC);
  }

  private <T> T inScope(String tenantId, String what, Jdbc.TxWork<T> work) {
    return Jdbc.inTransaction(
        dataSource,
        what,
        c -> {
          TenantScope.enter(c, tenantId);
          return work.run(c);
        });
  }

  private static PreparedStatement digestQuery(
      Connection c, String tenantId, Instant after, int limit) throws SQLException {
    PreparedStatement ps = c.prepareStatement(SqlFile.load("read_audit_digests"));
    ps.setString(1, tenantId);
    setInstant(ps, 2, after);
    setInstant(ps, 3, after);
    ps.setInt(4, limit);
    return ps;
  }

  private static AuditEventRow event(ResultSet rs) throws SQLException {
    return new AuditEventRow(
        rs.getLong(1),
        instant(rs, 2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getInt(8),
        rs.getString(9),
        rs.getString(10));
  }

  private static AuditDigestRow digest(ResultSet rs) throws SQLException {
    return new AuditDigestRow(
        rs.getString(1),
        instant(rs, 2),
        rs.getLong(3),
        rs.getString(4),
        instant(rs, 5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** The chain's cursors and look-ups inside one transaction. */
  private static final class Reader implements AuditChainReader {
    private final Connection c;
    private final String tenantId;
    private final ResultSet eventRows;
    private final ResultSet digestRows;

    Reader(Connection c, String tenantId, ResultSet eventRows, ResultSet digestRows) {
      this.c = c;
      this.tenantId = tenantId;
      this.eventRows = eventRows;
      this.digestRows = digestRows;
    }

    @Override
    public Iterator<AuditEventRow> events() {
      return new Rows<>(eventRows, AuditStore::event);
    }

    @Override
    public Iterator<AuditDigestRow> digests() {
      return new Rows<>(digestRows, AuditStore::digest);
    }

    @Override
    public Optional<ChainHead> head() {
      try (PreparedStatement ps = c.prepareStatement(SqlFile.load("read_audit_head"))) {
        ps.setString(1, tenantId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next()
              ? Optional.of(new ChainHead(tenantId, rs.getLong(1), rs.getString(2)))
              : Optional.empty();
        }
      } catch (SQLException e) {
        throw new PersistenceException("read audit head failed", e);
      }
    }

    @Override
    public Optional<Long> seqOfHash(String hash) {
      try (PreparedStatement ps = c.prepareStatement(SqlFile.load("find_audit_hash"))) {
        ps.setString(1, tenantId);
        ps.setString(2, hash);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
      } catch (SQLException e) {
        throw new PersistenceException("find audit hash failed", e);
      }
    }
  }

  /** A row mapper that may throw. */
  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** A result set as an iterator. */
  private static final class Rows<T> implements Iterator<T> {
    private final ResultSet rs;
    private final RowMapper<T> mapper;
    private Boolean ready;

    Rows(ResultSet rs, RowMapper<T> mapper) {
      this.rs = rs;
      this.mapper = mapper;
    }

    @Override
    public boolean hasNext() {
      if (ready == null) {
        try {
          ready = rs.next();
        } catch (SQLException e) {
          throw new PersistenceException("read audit chain failed", e);
        }
      }
      return ready;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ready = null;
      try {
        return mapper.map(rs);
      } catch (SQLException e) {
        throw new PersistenceException("read audit chain failed", e);
      }
    }
  }
}
