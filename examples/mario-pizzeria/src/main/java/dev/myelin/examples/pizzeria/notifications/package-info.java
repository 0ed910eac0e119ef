/**
 * Notifications: customer SMS through the SmsSender port and kitchen notices, stored so that they
 * can be listed.
 */
@NonNullApi
package dev.myelin.examples.pizzeria.notifications;

import dev.myelin.core.meta.NonNullApi;
