package dev.myelin.behaviors.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The broken rules found while validating one request, by property path. {@link RequestValidator}s
 * report to it; {@link ValidationBehavior} adds the bean constraint violations to the same one.
 *
 * <p>Paths use Java names ({@code pizzaItems[0].pizzaId}) and are translated by the behavior's
 * {@link PropertyNaming} as they are added. The errors come out sorted by path (indexes compared as
 * numbers, so {@code items[2]} comes before {@code items[10]}), then by message, each message once,
 * so results and tests are deterministic. One instance serves one validation
 * on one thread; not thread-safe.
 *
 * @since 0.1
 */
public final class Violations {

    /** The path of a violation of the request as a whole rather than of one property. */
    public static final String REQUEST_PATH = "";

    private final PropertyNaming naming;
    private final TreeMap<String, TreeSet<String>> byPath = new TreeMap<>(Violations::comparePaths);

    Violations(PropertyNaming naming) {
        this.naming = naming;
    }

    /**
     * Reports a broken rule of one property.
     *
     * @param path the property path with Java names, such as {@code pizzaItems[0].pizzaId}, or
     *     {@link #REQUEST_PATH}
     * @param message what is wrong, for the client
     */
    public void add(String path, String message) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        addTranslated(translatePath(path, naming), message);
    }

    /**
     * Returns whether nothing was reported.
     *
     * @return whether the request is valid so far
     */
    public boolean isEmpty() {
        return byPath.isEmpty();
    }

    void addTranslated(String path, String message) {
        byPath.computeIfAbsent(path, key -> new TreeSet<>()).add(message);
    }

    /** The errors sorted by path, then message; unmodifiable. */
    Map<String, List<String>> toErrors() {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        byPath.forEach((path, messages) -> errors.put(path, List.copyOf(messages)));
        return Collections.unmodifiableMap(errors);
    }

    /** Compares paths character by character, but runs of digits by their numeric value. */
    static int comparePaths(String left, String right) {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            char a = left.charAt(i);
            char b = right.charAt(j);
            if (isDigit(a) && isDigit(b)) {
                int endA = i;
                while (endA < left.length() && isDigit(left.charAt(endA))) {
                    endA++;
                }
                int endB = j;
                while (endB < right.length() && isDigit(right.charAt(endB))) {
                    endB++;
                }
                // Strip leading zeros, then the longer run is the larger number.
                int startA = i;
                while (startA < endA - 1 && left.charAt(startA) == '0') {
                    startA++;
                }
                int startB = j;
                while (startB < endB - 1 && right.charAt(startB) == '0') {
                    startB++;
                }
                int byLength = Integer.compare(endA - startA, endB - startB);
                if (byLength != 0) {
                    return byLength;
                }
                int byDigits = left.substring(startA, endA).compareTo(right.substring(startB, endB));
                if (byDigits != 0) {
                    return byDigits;
                }
                int byZeros = Integer.compare(endA - i, endB - j);
                if (byZeros != 0) {
                    return byZeros;
                }
                i = endA;
                j = endB;
            } else {
                if (a != b) {
                    return Character.compare(a, b);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(left.length() - i, right.length() - j);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Translates each name of a dotted path, keeping the bracketed indexes and keys as they are. */
    static String translatePath(String path, PropertyNaming naming) {
        if (naming == PropertyNaming.IDENTITY || path.isEmpty()) {
            return path;
        }
        StringBuilder translated = new StringBuilder(path.length() + 8);
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '[') {
                int end = path.indexOf(']', i);
                end = end < 0 ? path.length() : end + 1;
                translated.append(path, i, end);
                i = end;
            } else if (c == '.') {
                translated.append(c);
                i++;
            } else {
                int end = i;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                translated.append(naming.translate(path.substring(i, end)));
                i = end;
            }
        }
        return translated.toString();
    }
}
