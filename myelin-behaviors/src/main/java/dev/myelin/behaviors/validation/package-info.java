/**
 * Validation: {@link dev.myelin.behaviors.validation.ValidationBehavior} checks requests against
 * their Jakarta Bean Validation constraints and the
 * {@link dev.myelin.behaviors.validation.RequestValidator}s registered for them, and refuses
 * invalid ones with every violation at once.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
@NonNullApi
package dev.myelin.behaviors.validation;

import dev.myelin.core.meta.NonNullApi;
