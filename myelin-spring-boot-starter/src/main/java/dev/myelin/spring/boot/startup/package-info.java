/**
 * Ready means ready: the application's startup work ({@link dev.myelin.spring.boot.startup.StartupTask}
 * beans, and the starter's own, such as waiting for projections to catch up) runs before Spring Boot's
 * readiness turns to {@code ACCEPTING_TRAFFIC}, and until then requests get 503 problem responses.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.spring.boot.startup;

import dev.myelin.core.meta.NonNullApi;
