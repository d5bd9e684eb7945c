package dev.cairn.persistence.store;

import java.util.UUID;

/**
 * A run a bulk command selected.
 *
 * @param id run id
 * @param status its status when selected
 */
public record SelectedRun(UUID id, String status) {}
