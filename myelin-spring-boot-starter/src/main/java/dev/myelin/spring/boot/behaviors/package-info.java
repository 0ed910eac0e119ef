/**
 * Auto-configuration of Myelin's built-in pipeline behaviors as beans, each switched by
 * {@code myelin.behaviors.<name>.enabled} and backing off when the application defines its own.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.spring.boot.behaviors;

import dev.myelin.core.meta.NonNullApi;
