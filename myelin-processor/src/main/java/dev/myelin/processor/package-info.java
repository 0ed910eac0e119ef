/**
 * The Myelin annotation processor, which writes a compile-time index of handlers and behaviors for
 * {@code MediatorBuilder.discover}. Start with {@link dev.myelin.processor.MyelinProcessor}.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
package dev.myelin.processor;
