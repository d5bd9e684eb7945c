package dev.cairn.runtime.audit.chain;

/** Why a link of the audit chain is broken. */
public enum BreakReason {
  /** A record's content, hash or link was edited: its hash no longer matches. */
  CONTENT_CHANGED("content-changed"),
  /** Records are missing from the middle of the chain (a gap in seq, or a renumbered chain). */
  ROW_MISSING("row-missing"),
  /** A record links to a record that sits at another position: records were reordered. */
  ROWS_REORDERED("rows-reordered"),
  /** The chain ends before its recorded head or before a signed digest's position. */
  TAIL_TRUNCATED("tail-truncated"),
  /** The chain is consistent, but a signed digest's head hash differs: it was recomputed. */
  DIGEST_MISMATCH("digest-mismatch"),
  /** A digest's signature does not verify with the signing key (or names another key). */
  BAD_SIGNATURE("bad-signature");

  private final String code;

  BreakReason(String code) {
    this.code = code;
  }

  /**
   * The reason as the API reports it.
   *
   * @return e.g. {@code content-changed}
   */
  public String code() {
    return code;
  }
}
