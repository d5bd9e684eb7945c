/**
 * Task graphs, child runs, durable timers and signals: the step tools {@code plan}, {@code
 * delegate}, {@code sleep} and {@code wait_for_signal}, whose effects commit with their step (ADR
 * 0021, ADR 0024), and the services behind {@code GET /v1/runs/{id}/tasks} and {@code POST
 * /v1/runs/{id}/signals}.
 */
package dev.cairn.runtime.tasks;
