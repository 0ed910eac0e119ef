package dev.myelin.bench.baseline;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pizzeria's three filter chains, copied from its {@code SecurityConfiguration} (basic mode, the
 * development users of its embedded mode) with its API access rules ({@code ApiAccess}) in the same order,
 * so that a request crosses the same filters and matchers in both applications.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String CUSTOMER = "customer";
    private static final String CHEF = "chef";
    private static final String DRIVER = "driver";
    private static final String MANAGER = "manager";

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, JsonMapper json) {
        ProblemResponses problems = new ProblemResponses(json, "Basic realm=\"Mario's Pizzeria\"");
        return http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/menu", "/api/menu/**").permitAll()
                        .requestMatchers("/api/menu/**").hasRole(MANAGER)
                        .requestMatchers("/api/kitchen/**").hasAnyRole(CHEF, MANAGER)
                        .requestMatchers("/api/delivery/**").hasAnyRole(DRIVER, MANAGER)
                        .requestMatchers(HttpMethod.PUT, "/api/orders/*/confirm", "/api/orders/*/cook")
                        .hasAnyRole(CHEF, MANAGER)
                        .requestMatchers(HttpMethod.POST, "/api/orders").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/orders/history").authenticated()
                        .requestMatchers(HttpMethod.GET, "/api/orders/*/status").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/orders/*/payment", "/api/orders/*/cancel",
                                "/api/orders/*/viewed").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/analytics/popular-pizzas").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuatorSecurity(HttpSecurity http) {
        return http.securityMatcher("/actuator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole(MANAGER))
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pageSecurity(HttpSecurity http) {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/staff/kitchen.html", "/staff/kitchen/**").hasAnyRole(CHEF, MANAGER)
                        .requestMatchers("/staff/**").hasAnyRole(CHEF, DRIVER, MANAGER)
                        .anyRequest().permitAll())
                .formLogin(Customizer.withDefaults())
                .logout(Customizer.withDefaults())
                .build();
    }

    /**
     * The pizzeria's development users (password = user name), as its embedded mode has them. Declared as a
     * plain {@link UserDetailsService}, not the {@link InMemoryUserDetailsManager} itself: a manager is also a
     * {@code UserDetailsPasswordService}, and Spring Security would then upgrade each {@code {noop}} password
     * to bcrypt at the first sign-in, so that every later request paid a bcrypt check (~70 ms of CPU) that the
     * pizzeria, which caches verified credentials, does not pay. The check stays {@code {noop}}: the cheapest
     * there is, so the signed-in ratio is the framework's cost or better for the baseline.
     */
    @Bean
    UserDetailsService users() {
        List<UserDetails> users = new ArrayList<>();
        for (String role : List.of(CUSTOMER, CHEF, DRIVER, MANAGER)) {
            users.add(User.withUsername(role).password("{noop}" + role).roles(role).build());
        }
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager(users);
        return manager::loadUserByUsername;
    }
}
