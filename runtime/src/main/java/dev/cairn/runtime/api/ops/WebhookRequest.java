package dev.cairn.runtime.api.ops;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A new webhook subscription.
 *
 * @param url the receiver: http or https, a public address unless configuration allows others
 * @param types event types (e.g. {@code run.completed}), with or without the {@code dev.cairn.}
 *     prefix; absent or empty for every type
 * @param description a note for people
 */
public record WebhookRequest(
    @NotNull @Size(min = 1, max = 2000) String url,
    @Size(max = 32) List<@NotNull @Size(min = 1, max = 100) String> types,
    @Size(max = 200) String description) {}
