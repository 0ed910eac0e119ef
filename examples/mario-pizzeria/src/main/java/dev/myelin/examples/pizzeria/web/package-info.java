/**
 * The web front of the pizzeria beyond the JSON API: the OpenAPI description and Swagger UI, and the
 * staff pages' data.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.web;

import dev.myelin.core.meta.NonNullApi;
