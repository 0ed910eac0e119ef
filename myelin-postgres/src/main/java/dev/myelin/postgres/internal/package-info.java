/**
 * Plumbing shared by the PostgreSQL stores. Public only for Myelin's own packages; never API.
 */
package dev.myelin.postgres.internal;
