package dev.myelin.examples.pizzeria.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.core.GrantedAuthority;

/**
 * Credentials that passed the password check lately, so the next requests with them skip the
 * deliberately slow password hash. Per user it keeps an HMAC-SHA-256 of user name and password under a
 * random key made at start (never the password, and useless outside this process), with the user and
 * its authorities as the check gave them. A lookup compares the HMACs in constant time.
 *
 * <p>Entries expire a fixed time after the check (not after last use) and the cache is bounded in
 * size; the user store ({@link PizzeriaUsers}) forgets a user whenever its password, roles or
 * existence change. Thread-safe.
 */
final class VerifiedCredentials {

    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;
    private final ThreadLocal<Mac> macs;
    private final Cache<String, Entry> entries;

    /**
     * Creates an empty cache with a fresh random key.
     *
     * @param timeToLive how long a verified credential is trusted
     * @param maximumSize most users remembered
     */
    VerifiedCredentials(Duration timeToLive, long maximumSize) {
        this.key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.macs = ThreadLocal.withInitial(this::newMac);
        this.entries = Caffeine.newBuilder().expireAfterWrite(timeToLive).maximumSize(maximumSize).build();
    }

    /**
     * Returns what the password check gave for these credentials, if they were verified lately.
     *
     * @param username the user name sent
     * @param password the password sent
     * @return the verified user, or {@code null}
     */
    Entry find(String username, String password) {
        Entry entry = entries.getIfPresent(key(username));
        return entry != null && MessageDigest.isEqual(entry.mac(), mac(username, password)) ? entry : null;
    }

    /**
     * Remembers credentials that just passed the password check, replacing the user's earlier ones.
     *
     * @param username the user name sent
     * @param password the password sent
     * @param principal the authenticated user
     * @param authorities its authorities
     */
    void remember(String username, String password, Object principal,
            Collection<? extends GrantedAuthority> authorities) {
        entries.put(key(username), new Entry(mac(username, password), principal, authorities));
    }

    /** Forgets a user's verified credentials (its password, roles or existence changed). */
    void forget(String username) {
        entries.invalidate(key(username));
    }

    /** Forgets every user's verified credentials. */
    void forgetAll() {
        entries.invalidateAll();
    }

    /** Whether a user's credentials are remembered (for tests). */
    boolean holds(String username) {
        return entries.getIfPresent(key(username)) != null;
    }

    private byte[] mac(String username, String password) {
        Mac mac = macs.get();
        byte[] name = username.getBytes(StandardCharsets.UTF_8);
        int length = name.length;
        // The name's length first, so no other name/password split gives the same input.
        mac.update((byte) (length >>> 24));
        mac.update((byte) (length >>> 16));
        mac.update((byte) (length >>> 8));
        mac.update((byte) length);
        mac.update(name);
        return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(ALGORITHM + " is required of every Java platform", impossible);
        }
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    /**
     * A verified credential.
     *
     * @param mac the HMAC of user name and password
     * @param principal the authenticated user
     * @param authorities its authorities
     */
    record Entry(byte[] mac, Object principal, Collection<? extends GrantedAuthority> authorities) {
    }
}
