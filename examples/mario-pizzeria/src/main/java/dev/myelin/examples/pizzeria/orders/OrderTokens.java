package dev.myelin.examples.pizzeria.orders;

import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Order tokens: 256 random bits, URL-safe Base64, handed once to whoever placed the order. Only their
 * SHA-256 is stored (in {@link OrderPlaced} and {@code order_summaries}), so neither the event log nor
 * a database dump lets anyone act on an order. Thread-safe.
 */
public final class OrderTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OrderTokens() {
    }

    /**
     * Makes a new token.
     *
     * @return the token
     */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Returns the stored form of a token.
     *
     * @param token the token
     * @return its SHA-256, in hex
     */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", impossible);
        }
    }

    /** Whether a token sent by a caller hashes to the stored hash; compared in constant time. */
    static boolean matches(String token, String storedHash) {
        if (token == null || token.isEmpty() || token.length() > 100 || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
