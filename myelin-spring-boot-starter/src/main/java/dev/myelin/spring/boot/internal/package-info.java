/**
 * Plumbing shared by the starter's packages; never API: it may change in any release.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.spring.boot.internal;

import dev.myelin.core.meta.NonNullApi;
