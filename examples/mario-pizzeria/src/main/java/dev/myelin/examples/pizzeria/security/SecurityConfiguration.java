package dev.myelin.examples.pizzeria.security;

import dev.myelin.spring.boot.data.MyelinEmbeddedPostgres;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pizzeria's web security: two filter chains.
 *
 * <ul>
 *   <li><b>API</b> ({@code /api/**}, first): stateless, no CSRF (no cookie authenticates it), HTTP
 *       Basic or, with {@code pizzeria.security.mode=jwt}, OAuth2 JWT bearer tokens whose roles come
 *       from a claim. Refusals are {@code application/problem+json} ({@link ProblemResponses}). The
 *       URL rules ({@link ApiAccess}) mirror the messages' {@code @RequiresRole}, which the mediator's
 *       authorization behavior checks again.</li>
 *   <li><b>Pages</b> (everything else): form login with a session and CSRF protection;
 *       {@code /staff/**} needs a staff role (the kitchen's pages chef or manager), the customer
 *       pages, Swagger UI and the API docs are open. Pages carry a Content-Security-Policy that allows
 *       scripts, styles and connections to this origin only ({@link #PAGE_POLICY}; the pages keep their
 *       scripts in files for it) and {@code Referrer-Policy: no-referrer} (an order's page may carry its
 *       token).</li>
 * </ul>
 *
 * <p>Password sign-ins (HTTP Basic on the API and the actuator, the login form) all go through one
 * {@link PasswordAuthenticationProvider}: throttled per account and address, verified credentials
 * cached for {@link PizzeriaSecurityProperties.Login#verifiedTtl()}.
 *
 * <p>The development users exist only as {@link PizzeriaSecurityProperties#devUsers()} decides: by
 * default only when the starter runs its embedded database (its {@link MyelinEmbeddedPostgres} bean
 * exists, which it does not once {@code spring.datasource.url} is set) and in {@code basic} mode.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PizzeriaSecurityProperties.class)
class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final String ROLE_PREFIX = "ROLE_";

    /** The pages' Content-Security-Policy: this origin only, no inline scripts or styles, no framing. */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, PizzeriaSecurityProperties properties, JsonMapper json,
            PasswordAuthenticationProvider passwords) {
        boolean jwt = properties.mode() == PizzeriaSecurityProperties.Mode.JWT;
        ProblemResponses problems = new ProblemResponses(json, jwt ? "Bearer" : "Basic realm=\"Mario's Pizzeria\"");
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(ApiAccess::rules)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        if (jwt) {
            http.oauth2ResourceServer(server -> server
                    .jwt(token -> token.jwtAuthenticationConverter(jwtRoles(properties.jwt())))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems));
        } else {
            http.authenticationManager(manager(passwords))
                    .httpBasic(basic -> basic.authenticationEntryPoint(problems));
        }
        return http.build();
    }

    /**
     * Actuator for machines (monitoring, scrapers): stateless HTTP Basic; {@code /actuator/health} open (its
     * details only for managers, see {@code management.endpoint.health} in application.yml), the rest managers only.
     */
    @Bean
    @Order(2)
    SecurityFilterChain actuatorSecurity(HttpSecurity http, PasswordAuthenticationProvider passwords) {
        return http.securityMatcher("/actuator/**")
                .authenticationManager(manager(passwords))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole(Roles.MANAGER))
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pageSecurity(HttpSecurity http, PasswordAuthenticationProvider passwords) {
        return http
                .authenticationManager(manager(passwords))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/staff/kitchen.html", "/staff/kitchen/**").hasAnyRole(Roles.CHEF, Roles.MANAGER)
                        .requestMatchers("/staff/**").hasAnyRole(Roles.STAFF)
                        .anyRequest().permitAll())
                .formLogin(Customizer.withDefaults())
                .logout(Customizer.withDefaults())
                .build();
    }

    /**
     * The users of HTTP Basic and form login: the development users when
     * {@link PizzeriaSecurityProperties#devUsers()} allows them, else none (then only {@code jwt} mode
     * authenticates anyone, and Spring Boot's generated user stays off).
     */
    /**
     * Password sign-in: throttled, then the cache of verified credentials, then the password check (which
     * also upgrades a stored password to the default hash, as Spring Security does).
     */
    @Bean
    PasswordAuthenticationProvider passwordAuthentication(InMemoryUserDetailsManager users,
            VerifiedCredentials verified, PizzeriaSecurityProperties properties) {
        DaoAuthenticationProvider passwordCheck = new DaoAuthenticationProvider(users);
        passwordCheck.setUserDetailsPasswordService(users);
        PizzeriaSecurityProperties.Login login = properties.login();
        LoginThrottle throttle = new LoginThrottle(login.maxFailuresPerAccount(), login.maxFailuresPerAddress(),
                login.coolDown(), Ticker.systemTicker());
        return new PasswordAuthenticationProvider(passwordCheck, verified, throttle);
    }

    /** Credentials that passed the password check lately. */
    @Bean
    VerifiedCredentials verifiedCredentials(PizzeriaSecurityProperties properties) {
        return new VerifiedCredentials(properties.login().verifiedTtl(), properties.login().verifiedMaxUsers());
    }

    private static AuthenticationManager manager(PasswordAuthenticationProvider passwords) {
        return new ProviderManager(passwords);
    }

    @Bean
    InMemoryUserDetailsManager pizzeriaUsers(PizzeriaSecurityProperties properties,
            ObjectProvider<MyelinEmbeddedPostgres> embeddedDatabase, VerifiedCredentials verified) {
        boolean enabled = switch (properties.devUsers()) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> properties.mode() == PizzeriaSecurityProperties.Mode.BASIC
                    && embeddedDatabase.getIfAvailable() != null;
        };
        if (!enabled) {
            LOG.info("No development users (pizzeria.security.dev-users={}, mode={})",
                    properties.devUsers(), properties.mode());
            return new PizzeriaUsers(List.of(), verified);
        }
        LOG.warn("Development users customer, chef, driver and manager are enabled (password = user name): "
                + "for the embedded database only, never in production");
        List<UserDetails> users = new ArrayList<>();
        for (String role : List.of(Roles.CUSTOMER, Roles.CHEF, Roles.DRIVER, Roles.MANAGER)) {
            users.add(User.withUsername(role).password("{noop}" + role).roles(role).build());
        }
        return new PizzeriaUsers(users, verified);
    }

    /** Roles from the configured claim as {@code ROLE_<role>} authorities, the name from the principal claim. */
    private static JwtAuthenticationConverter jwtRoles(PizzeriaSecurityProperties.Jwt jwt) {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(jwt.rolesClaim());
        roles.setAuthorityPrefix(ROLE_PREFIX);
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        converter.setPrincipalClaimName(jwt.principalClaim());
        return converter;
    }
}
