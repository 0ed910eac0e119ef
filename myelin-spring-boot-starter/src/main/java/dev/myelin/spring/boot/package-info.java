/**
 * Spring Boot auto-configuration of the {@link dev.myelin.core.Mediator}: every handler, behavior
 * and exception-handler bean is registered in it, with its generic types resolved once at
 * startup. Start with {@link dev.myelin.spring.boot.MediatorAutoConfiguration}.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.spring.boot;

import dev.myelin.core.meta.NonNullApi;
