/**
 * The operator and auditor console at {@code /console}: server-rendered Qute pages with htmx,
 * signed in with an API key into a stateless signed session cookie. An audience API like {@code
 * api.*}: it calls the same services as the REST resources and never the database.
 */
package dev.cairn.runtime.console;
