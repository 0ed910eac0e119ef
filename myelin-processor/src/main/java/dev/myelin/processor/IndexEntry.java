package dev.myelin.processor;

import javax.lang.model.element.TypeElement;

/**
 * One line of a generated index: the names are canonical (dots for nested classes), ready to be
 * written as class literals.
 *
 * @param role what the indexed class is
 * @param type the indexed class, an originating element of the index
 * @param typeName the canonical name of the indexed class
 * @param messageType the canonical name of the raw message type (array types end in {@code []})
 * @param resultType the canonical name of the raw result type, {@code java.lang.Object} when none
 * @param constructible whether the index may call the no-arg constructor ({@code Type::new})
 */
record IndexEntry(Role role, TypeElement type, String typeName, String messageType, String resultType,
        boolean constructible) {
}
