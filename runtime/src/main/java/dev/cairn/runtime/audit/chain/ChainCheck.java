package dev.cairn.runtime.audit.chain;

import dev.cairn.persistence.store.AuditChainReader;
import dev.cairn.persistence.store.AuditDigestRow;
import dev.cairn.persistence.store.AuditEventRow;
import dev.cairn.persistence.store.ChainHead;
import java.security.PublicKey;
import java.util.Iterator;
import java.util.Optional;

/**
 * One walk over a tenant's chain: records in seq order, with the signed digests merged in by the
 * seq they cover. Stops at the first broken link. Holds one record and one digest at a time.
 */
final class ChainCheck {
  private final String tenant;
  private final PublicKey key;
  private final String keyId;
  private final AuditChainReader reader;
  private final Iterator<AuditDigestRow> digests;
  private AuditDigestRow nextDigest;
  private long events;
  private long digestsChecked;
  private long lastSeq;
  private String lastHash = AuditHash.GENESIS;
  private ChainBreak firstBreak;

  ChainCheck(String tenant, PublicKey key, String keyId, AuditChainReader reader) {
    this.tenant = tenant;
    this.key = key;
    this.keyId = keyId;
    this.reader = reader;
    this.digests = reader.digests();
    this.nextDigest = digests.hasNext() ? digests.next() : null;
  }

  /** Walks the chain; the results are read from the accessors. */
  void run() {
    checkDigestsUpTo(0);
    Iterator<AuditEventRow> rows = reader.events();
    while (firstBreak == null && rows.hasNext()) {
      AuditEventRow row = rows.next();
      firstBreak = checkLink(row);
      if (firstBreak != null) {
        break;
      }
      events++;
      lastSeq = row.seq();
      lastHash = row.hash();
      checkDigestsUpTo(row.seq());
    }
    if (firstBreak == null) {
      checkTail();
    }
  }

  private ChainBreak checkLink(AuditEventRow row) {
    long expected = lastSeq + 1;
    if (row.seq() != expected) {
      return new ChainBreak(
          expected,
          BreakReason.ROW_MISSING,
          "record " + expected + " is missing (the next record is " + row.seq() + ")");
    }
    if (!row.prevHash().equals(lastHash)) {
      Optional<Long> elsewhere = reader.seqOfHash(row.prevHash());
      if (elsewhere.isPresent()) {
        return new ChainBreak(
            row.seq(),
            BreakReason.ROWS_REORDERED,
            "record "
                + row.seq()
                + " links to the record now at "
                + elsewhere.get()
                + ", not to record "
                + lastSeq);
      }
      if (hashOf(row, row.prevHash(), row.seq() + 1).equals(row.hash())) {
        return new ChainBreak(
            row.seq(),
            BreakReason.ROW_MISSING,
            "record " + row.seq() + " was record " + (row.seq() + 1) + ": one before it is gone");
      }
      return new ChainBreak(
          row.seq(),
          BreakReason.CONTENT_CHANGED,
          "record " + row.seq() + " links to a hash no record has");
    }
    if (!hashOf(row, lastHash, row.seq()).equals(row.hash())) {
      return new ChainBreak(
          row.seq(),
          BreakReason.CONTENT_CHANGED,
          "record " + row.seq() + " does not match its hash");
    }
    return null;
  }

  private String hashOf(AuditEventRow row, String prev, long seq) {
    return AuditHash.link(
        prev,
        seq,
        tenant,
        row.at(),
        row.actor(),
        row.action(),
        row.targetType(),
        row.targetId(),
        row.detailsJson());
  }

  /** Checks every digest that covers a position up to {@code seq}, the last record read. */
  private void checkDigestsUpTo(long seq) {
    while (firstBreak == null && nextDigest != null && nextDigest.coversSeq() <= seq) {
      firstBreak = checkDigest(nextDigest, seq);
      if (firstBreak == null) {
        digestsChecked++;
      }
      nextDigest = digests.hasNext() ? digests.next() : null;
    }
  }

  private ChainBreak checkDigest(AuditDigestRow d, long seq) {
    ChainBreak signature = checkSignature(d);
    if (signature != null) {
      return signature;
    }
    if (d.coversSeq() == seq && !d.headHash().equals(lastHash)) {
      return new ChainBreak(
          d.coversSeq(),
          BreakReason.DIGEST_MISMATCH,
          "the digest of "
              + d.periodStart()
              + " signed hash "
              + d.headHash()
              + " for record "
              + d.coversSeq()
              + "; the chain now has "
              + lastHash);
    }
    return null;
  }

  private ChainBreak checkSignature(AuditDigestRow d) {
    if (!keyId.equals(d.keyId())) {
      return new ChainBreak(
          d.coversSeq(),
          BreakReason.BAD_SIGNATURE,
          "the digest of " + d.periodStart() + " names key " + d.keyId() + ", not " + keyId);
    }
    SignedDigest signed =
        new SignedDigest(
            tenant,
            d.periodStart(),
            d.coversSeq(),
            d.headHash(),
            d.signedAt(),
            d.keyId(),
            d.algorithm(),
            d.signature());
    if (!"Ed25519".equals(d.algorithm())
        || !Ed25519.verify(key, signed.statementBytes(), d.signature())) {
      return new ChainBreak(
          d.coversSeq(),
          BreakReason.BAD_SIGNATURE,
          "the digest of " + d.periodStart() + " does not verify with key " + keyId);
    }
    return null;
  }

  private void checkTail() {
    if (nextDigest != null) {
      ChainBreak signature = checkSignature(nextDigest);
      firstBreak =
          signature != null
              ? signature
              : new ChainBreak(
                  lastSeq + 1,
                  BreakReason.TAIL_TRUNCATED,
                  "a digest signed the chain up to record "
                      + nextDigest.coversSeq()
                      + "; it ends at "
                      + lastSeq);
      return;
    }
    Optional<ChainHead> head = reader.head();
    long headSeq = head.map(ChainHead::seq).orElse(0L);
    if (headSeq > lastSeq) {
      firstBreak =
          new ChainBreak(
              lastSeq + 1,
              BreakReason.TAIL_TRUNCATED,
              "the chain head is record " + headSeq + "; the chain ends at " + lastSeq);
    } else if (headSeq < lastSeq || head.isPresent() && !head.get().hash().equals(lastHash)) {
      firstBreak =
          new ChainBreak(
              lastSeq,
              BreakReason.CONTENT_CHANGED,
              "the chain head (record " + headSeq + ") does not match the last record");
    }
  }

  long events() {
    return events;
  }

  long digestsChecked() {
    return digestsChecked;
  }

  long lastSeq() {
    return lastSeq;
  }

  String lastHash() {
    return lastHash;
  }

  ChainBreak firstBreak() {
    return firstBreak;
  }
}
