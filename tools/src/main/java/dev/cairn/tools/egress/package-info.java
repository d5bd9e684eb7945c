/**
 * Outbound HTTP targets Cairn may reach on someone else's behalf (webhooks, an HTTP tool): only
 * http and https, and never loopback, private, link-local, metadata or other special addresses
 * unless the operator's configuration allows them. Pure Java; no network access except the DNS
 * resolution the caller supplies.
 */
package dev.cairn.tools.egress;
