package dev.cairn.persistence.store;

import java.util.Iterator;
import java.util.Optional;

/**
 * Reads one tenant's audit chain inside one transaction of its scope: records and digests stream
 * through cursors, so a chain of any length is read in constant memory.
 */
public interface AuditChainReader {
  /**
   * The records in seq order; valid until the read ends.
   *
   * @return the records
   */
  Iterator<AuditEventRow> events();

  /**
   * The signed digests in the order of the seq they cover; valid until the read ends.
   *
   * @return the digests
   */
  Iterator<AuditDigestRow> digests();

  /**
   * The chain head as recorded by the chaining.
   *
   * @return the head, or empty before the first record
   */
  Optional<ChainHead> head();

  /**
   * Where a hash appears in the chain.
   *
   * @param hash a record hash
   * @return its record's seq, or empty when no record has it
   */
  Optional<Long> seqOfHash(String hash);
}
