/** The developers' REST API under {@code /v1}: agent definitions and runs. DTOs are records. */
package dev.cairn.runtime.api.dev;
