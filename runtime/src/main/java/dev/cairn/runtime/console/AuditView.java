package dev.cairn.runtime.console;

import dev.cairn.runtime.api.audit.AuditEventResponse;
import dev.cairn.runtime.api.audit.AuditVerifyResponse;
import java.util.List;

/**
 * The audit page as shown.
 *
 * @param events this page of records, newest first
 * @param actor the actor filter, or empty
 * @param action the action filter, or empty
 * @param from the lower time bound as typed (ISO 8601), or empty
 * @param to the upper time bound as typed, or empty
 * @param olderHref the page of older records, or null on the last
 * @param newestHref the first page with the same filters, when this page is an older one
 * @param verdict the tenant chain's verdict, or null when not asked for
 * @param verifyHref the link that verifies the chain (a whole page)
 */
public record AuditView(
    List<AuditEventResponse> events,
    String actor,
    String action,
    String from,
    String to,
    String olderHref,
    String newestHref,
    AuditVerifyResponse verdict,
    String verifyHref) {}
