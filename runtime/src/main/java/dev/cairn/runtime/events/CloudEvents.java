package dev.cairn.runtime.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.persistence.store.StoredEvent;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.engine.StepEvents;

/**
 * Renders stored run events as CloudEvents 1.0 in structured JSON form, the one shape every channel
 * (broker, SSE, webhooks) carries. docs/events.md documents it.
 */
public final class CloudEvents {
  /** Prefix of every event type. */
  public static final String TYPE_PREFIX = "dev.cairn.";

  /** Media type of a structured-mode CloudEvent. */
  public static final String CONTENT_TYPE = "application/cloudevents+json";

  /** Data schema of the events' data, versioned. */
  public static final String DATA_SCHEMA = "urn:cairn:events:run:v" + StepEvents.SCHEMA_VERSION;

  private CloudEvents() {}

  /**
   * The event's id: stable, the same on every delivery of the event.
   *
   * @param event the event
   * @return run id and seq
   */
  public static String id(StoredEvent event) {
    return event.runId() + "/" + event.seq();
  }

  /**
   * The event's CloudEvents type.
   *
   * @param event the event
   * @return the type with the Cairn prefix
   */
  public static String type(StoredEvent event) {
    return TYPE_PREFIX + event.type();
  }

  /**
   * The event's source: the tenant's run collection.
   *
   * @param event the event
   * @return a URI reference
   */
  public static String source(StoredEvent event) {
    return "/cairn/tenants/" + event.tenantId() + "/runs";
  }

  /**
   * The event as a JSON object.
   *
   * @param event the event
   * @return the CloudEvent
   */
  public static ObjectNode toNode(StoredEvent event) {
    ObjectNode node = Json.object();
    node.put("specversion", "1.0");
    node.put("id", id(event));
    node.put("source", source(event));
    node.put("type", type(event));
    node.put("subject", event.runId().toString());
    node.put("time", event.time().toString());
    node.put("datacontenttype", "application/json");
    node.put("dataschema", DATA_SCHEMA);
    node.put("tenant", event.tenantId());
    node.put("agent", event.agentName());
    node.put("runseq", event.seq());
    JsonNode data = Json.parse(event.dataJson());
    node.set("data", data);
    return node;
  }

  /**
   * The event as JSON text.
   *
   * @param event the event
   * @return the CloudEvent's JSON
   */
  public static String toJson(StoredEvent event) {
    return toNode(event).toString();
  }
}
