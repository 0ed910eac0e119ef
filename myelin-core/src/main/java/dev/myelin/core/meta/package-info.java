/**
 * Annotations about the API itself: nullness and stability.
 */
package dev.myelin.core.meta;
