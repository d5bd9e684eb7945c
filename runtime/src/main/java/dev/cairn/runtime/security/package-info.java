/**
 * Identities, API keys, bearer tokens, tenants and roles: who the caller is, which tenant it acts
 * in, and the tenant scope (row-level security) of every API transaction.
 */
package dev.cairn.runtime.security;
