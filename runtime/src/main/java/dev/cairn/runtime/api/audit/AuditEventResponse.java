package dev.cairn.runtime.api.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.cairn.runtime.audit.chain.AuditRecord;

/**
 * One audit record. {@code details} is the JSON object; {@code detailsText} is the exact text the
 * hash covers (the jsonb's rendering), so anyone can recompute {@code hash} from this response.
 *
 * @param seq position in the tenant's chain
 * @param at when (ISO 8601, microseconds)
 * @param actor who acted
 * @param action what was done
 * @param targetType the kind of thing changed
 * @param targetId its id
 * @param details details
 * @param detailsText details as hashed
 * @param alg hash algorithm version
 * @param prevHash previous record's hash
 * @param hash this record's hash
 */
public record AuditEventResponse(
    long seq,
    String at,
    String actor,
    String action,
    String targetType,
    String targetId,
    @JsonRawValue String details,
    String detailsText,
    int alg,
    String prevHash,
    String hash) {
  /**
   * The response for a record.
   *
   * @param r the record
   * @return the response
   */
  public static AuditEventResponse of(AuditRecord r) {
    return new AuditEventResponse(
        r.seq(),
        r.at().toString(),
        r.actor(),
        r.action(),
        r.targetType(),
        r.targetId(),
        r.details(),
        r.details(),
        r.alg(),
        r.prevHash(),
        r.hash());
  }
}
