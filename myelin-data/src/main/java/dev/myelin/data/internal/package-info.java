/**
 * Plumbing shared by the data module's packages; not API, may change in any release.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.data.internal;

import dev.myelin.core.meta.NonNullApi;
