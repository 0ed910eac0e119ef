package dev.myelin.examples.pizzeria.security;

import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * User name and password sign-in (HTTP Basic and the login form) in three steps:
 *
 * <ol>
 *   <li>{@link LoginThrottle}: an account or client address with too many recent failures is refused
 *       ({@link LoginThrottle.Throttled}, answered 429) before any password is looked at, even the right
 *       one.</li>
 *   <li>{@link VerifiedCredentials}: credentials that passed the password check lately are accepted
 *       after an HMAC comparison, in microseconds.</li>
 *   <li>Otherwise the password check itself (Spring Security's {@code DaoAuthenticationProvider}, a
 *       deliberately slow hash); a success is remembered and clears the account's failures, a wrong
 *       password or unknown user counts as a failure. A wrong password is never remembered.</li>
 * </ol>
 *
 * <p>Password checks of one account run one at a time (a lock striped by user name), each after
 * checking the throttle again: guesses sent in parallel are counted one by one, so no more than the
 * account's limit reach the password check. Accepted cached credentials take no lock.
 *
 * <p>The client address is the one Spring Security records in the request's
 * {@link WebAuthenticationDetails} (behind a proxy, set {@code server.forward-headers-strategy}).
 * Thread-safe.
 */
final class PasswordAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwordCheck;
    private final VerifiedCredentials verified;
    private final LoginThrottle throttle;
    private final ReentrantLock[] accountLocks = new ReentrantLock[64];

    PasswordAuthenticationProvider(AuthenticationProvider passwordCheck, VerifiedCredentials verified,
            LoginThrottle throttle) {
        this.passwordCheck = passwordCheck;
        this.verified = verified;
        this.throttle = throttle;
        for (int i = 0; i < accountLocks.length; i++) {
            accountLocks[i] = new ReentrantLock();
        }
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        throttle.check(username, address);
        if (!(authentication.getCredentials() instanceof String password)) {
            throttle.failed(username, address);
            throw new BadCredentialsException("Bad credentials");
        }
        VerifiedCredentials.Entry known = verified.find(username, password);
        if (known != null) {
            throttle.succeeded(username);
            UsernamePasswordAuthenticationToken result =
                    UsernamePasswordAuthenticationToken.authenticated(known.principal(), null, known.authorities());
            result.setDetails(authentication.getDetails());
            return result;
        }
        ReentrantLock lock = accountLocks[Math.floorMod(username.toLowerCase(Locale.ROOT).hashCode(),
                accountLocks.length)];
        lock.lock();
        try {
            // Again under the account's lock: the failures of attempts that ran meanwhile are counted now.
            throttle.check(username, address);
            return checkPassword(authentication, username, password, address);
        } finally {
            lock.unlock();
        }
    }

    private Authentication checkPassword(Authentication authentication, String username, String password,
            String address) {
        Authentication result;
        try {
            result = passwordCheck.authenticate(authentication);
        } catch (BadCredentialsException wrong) {
            throttle.failed(username, address);
            throw wrong;
        }
        if (result == null || !result.isAuthenticated()) {
            throttle.failed(username, address);
            throw new BadCredentialsException("Bad credentials");
        }
        throttle.succeeded(username);
        verified.remember(username, password, result.getPrincipal(), result.getAuthorities());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
