/**
 * Authorization: {@link dev.myelin.behaviors.authorization.AuthorizationBehavior} refuses requests
 * annotated {@link dev.myelin.behaviors.authorization.RequiresRole} or
 * {@link dev.myelin.behaviors.authorization.RequiresAuthentication} whose caller lacks what they
 * require, before any other behavior runs.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.behaviors.authorization;

import dev.myelin.core.meta.NonNullApi;
