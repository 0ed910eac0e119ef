/**
 * Deliberately bad code that the architecture rules must flag, proving that they can fail. Outside
 * the application's package: never scanned by Spring, never part of the application.
 */
package dev.myelin.examples.archfixture;
