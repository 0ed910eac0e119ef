package dev.myelin.examples.pizzeria.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may call which API endpoint. The rules mirror the {@code @RequiresRole} annotations of the
 * messages behind each endpoint, so a refused caller gets Spring Security's 401 (with a challenge)
 * or 403 before the body is even read; the mediator's authorization behavior checks the same roles
 * again for any other caller of the mediator.
 *
 * <table>
 *   <caption>API access</caption>
 *   <tr><th>endpoint</th><th>who</th></tr>
 *   <tr><td>GET menu, POST order, GET order status (the seed's, by id)</td><td>anyone</td></tr>
 *   <tr><td>order detail, pay, cancel, mark viewed</td><td>passed on: {@code OrderAccessBehavior} decides
 *       (the order's token, its customer, or the staff the message names)</td></tr>
 *   <tr><td>list orders, order history, notifications</td><td>signed in: {@code CustomerScopeBehavior}
 *       decides (customers their own, the staff the message names)</td></tr>
 *   <tr><td>confirm, cook, kitchen</td><td>chef, manager</td></tr>
 *   <tr><td>delivery</td><td>driver, manager</td></tr>
 *   <tr><td>menu changes, analytics, restocking</td><td>manager</td></tr>
 *   <tr><td>inventory (read)</td><td>chef, manager</td></tr>
 * </table>
 *
 * <p>The full matrix, endpoint by role, is in {@code docs/pizzeria.md} and {@code RoleMatrixHttpTest}.
 */
final class ApiAccess {

    private ApiAccess() {
    }

    static void rules(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers(HttpMethod.GET, "/api/menu", "/api/menu/**").permitAll()
                .requestMatchers("/api/menu/**").hasRole(Roles.MANAGER)
                .requestMatchers("/api/kitchen/**").hasAnyRole(Roles.CHEF, Roles.MANAGER)
                .requestMatchers("/api/delivery/**").hasAnyRole(Roles.DRIVER, Roles.MANAGER)
                .requestMatchers(HttpMethod.PUT, "/api/orders/*/confirm", "/api/orders/*/cook")
                .hasAnyRole(Roles.CHEF, Roles.MANAGER)
                .requestMatchers(HttpMethod.POST, "/api/orders").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/orders/history").authenticated()
                .requestMatchers(HttpMethod.GET, "/api/orders/*/status").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/orders/*").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/orders/*/payment", "/api/orders/*/cancel", "/api/orders/*/viewed")
                .permitAll()
                .requestMatchers("/api/analytics/**").hasRole(Roles.MANAGER)
                .requestMatchers(HttpMethod.GET, "/api/inventory").hasAnyRole(Roles.CHEF, Roles.MANAGER)
                .requestMatchers("/api/inventory/**").hasRole(Roles.MANAGER)
                .anyRequest().authenticated();
    }
}
