/**
 * Who may call what: HTTP Basic (or JWT bearer tokens) for the API, form login for the staff pages,
 * development users on the embedded database, problem responses for 401 and 403, and the scoping of
 * customers to their own orders.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.security;

import dev.myelin.core.meta.NonNullApi;
