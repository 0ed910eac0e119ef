/**
 * Spring MVC support: {@link dev.myelin.spring.boot.web.ControllerBase} and
 * {@link dev.myelin.spring.boot.web.ResultMapper} turn an {@link dev.myelin.core.OperationResult}
 * into a response (RFC 9457 {@code application/problem+json} on failure), bad input becomes a
 * 4xx problem, and {@link dev.myelin.spring.boot.web.RequestContextFilter} binds the
 * {@link dev.myelin.core.RequestContext} of each HTTP request.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.spring.boot.web;

import dev.myelin.core.meta.NonNullApi;
