package dev.myelin.examples.pizzeria.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The pizzeria's security settings, under {@code pizzeria.security.*}.
 *
 * @param mode how API callers authenticate: {@code basic} (HTTP Basic against the users) or
 *     {@code jwt} (OAuth2 bearer tokens checked with {@code spring.security.oauth2.resourceserver.jwt.*})
 * @param devUsers whether the development users {@code customer}, {@code chef}, {@code driver} and
 *     {@code manager} (password = user name) exist: {@code auto} (only on the embedded database, never
 *     in {@code jwt} mode), {@code on} or {@code off}
 * @param jwt how bearer tokens name the caller and its roles
 * @param login how password sign-ins are cached and throttled
 * @since 0.1
 */
@ConfigurationProperties("pizzeria.security")
public record PizzeriaSecurityProperties(
        @DefaultValue("basic") Mode mode,
        @DefaultValue("auto") DevUsers devUsers,
        @DefaultValue Jwt jwt,
        @DefaultValue Login login) {

    /** How API callers authenticate. */
    public enum Mode {
        /** HTTP Basic against the configured users. */
        BASIC,
        /** OAuth2 resource server: a JWT bearer token signed by the configured issuer or key. */
        JWT
    }

    /** Whether the development users exist. */
    public enum DevUsers {
        /** Only when the application runs on the starter's embedded database and in {@code basic} mode. */
        AUTO,
        /** Always, whatever the database (tests on an external database use it). */
        ON,
        /** Never. */
        OFF
    }

    /**
     * How bearer tokens name the caller and its roles.
     *
     * @param rolesClaim claim holding the caller's roles, a list of strings such as {@code ["chef"]}
     * @param principalClaim claim holding the caller's name, which is also a customer's id
     * @since 0.1
     */
    public record Jwt(@DefaultValue("roles") String rolesClaim, @DefaultValue("sub") String principalClaim) {
    }

    /**
     * How password sign-ins (HTTP Basic, the login form) are cached and throttled.
     *
     * @param verifiedTtl how long credentials that passed the password check skip it (an HMAC comparison
     *     instead); a change of the user's password or roles ends it at once
     * @param verifiedMaxUsers most users whose verified credentials are remembered
     * @param maxFailuresPerAccount failed sign-ins of one account before its attempts get 429
     * @param maxFailuresPerAddress failed sign-ins from one client address before its attempts get 429
     * @param coolDown how long after the last counted failure the 429 lasts
     * @since 0.1
     */
    public record Login(
            @DefaultValue("5m") Duration verifiedTtl,
            @DefaultValue("10000") long verifiedMaxUsers,
            @DefaultValue("5") int maxFailuresPerAccount,
            @DefaultValue("20") int maxFailuresPerAddress,
            @DefaultValue("1m") Duration coolDown) {
    }
}
