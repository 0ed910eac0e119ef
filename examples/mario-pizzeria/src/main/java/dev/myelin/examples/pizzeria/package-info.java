/**
 * Mario's Pizzeria, the reference application of Myelin: a Spring Boot REST API whose controllers
 * only send commands and queries through the mediator. One package per feature.
 */
@NonNullApi
package dev.myelin.examples.pizzeria;

import dev.myelin.core.meta.NonNullApi;
