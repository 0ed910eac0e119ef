package dev.myelin.spring.boot.web;

import dev.myelin.core.Principal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Reads the caller from Spring Security; loaded only when Spring Security is on the class path. */
final class SecurityPrincipals {

    private static final String ROLE_PREFIX = "ROLE_";
    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private SecurityPrincipals() {
    }

    static Principal current(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || TRUST.isAnonymous(authentication)) {
            return null;
        }
        Set<String> roles = new LinkedHashSet<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            // Only roles: scopes (SCOPE_) and authentication factors (FACTOR_) are not roles.
            if (name != null && name.startsWith(ROLE_PREFIX) && name.length() > ROLE_PREFIX.length()) {
                roles.add(name.substring(ROLE_PREFIX.length()));
            }
        }
        return new Principal(authentication.getName(), roles);
    }
}
