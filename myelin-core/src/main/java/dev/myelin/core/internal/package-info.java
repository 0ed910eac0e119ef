/**
 * The mediator's implementation. Public only where another package needs it; never API: any type
 * here may change in any release.
 */
package dev.myelin.core.internal;
