/** REST API for admins: tenants (platform admins) and API keys. */
package dev.cairn.runtime.api.admin;
