package dev.myelin.behaviors.validation;

/**
 * Translates a Java property name (a record component such as {@code customerPhone}) into the
 * name the client knows from the JSON (such as {@code customer_phone}), so that error keys match
 * the request body. Applied to each name of a path; indexes and keys ({@code [0]}) are kept.
 *
 * <p>Implementations must be stateless and thread-safe.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface PropertyNaming {

    /** Keeps Java names: {@code pizzaItems[0].pizzaId}. */
    PropertyNaming IDENTITY = name -> name;

    /**
     * Lower snake case, the same translation as Jackson's {@code SNAKE_CASE} strategy:
     * {@code pizzaItems[0].pizzaId} → {@code pizza_items[0].pizza_id}, {@code line2Address} →
     * {@code line2_address}.
     */
    PropertyNaming SNAKE_CASE = PropertyNaming::snakeCase;

    /**
     * Translates one property name.
     *
     * @param name a Java property name, never empty
     * @return the client-facing name
     */
    String translate(String name);

    private static String snakeCase(String name) {
        StringBuilder result = new StringBuilder(name.length() + 4);
        boolean previousUpper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i == 0 && c == '_') {
                continue;
            }
            if (Character.isUpperCase(c)) {
                // A run of capitals ("URL") becomes one word, as in Jackson.
                if (!previousUpper && result.length() > 0 && result.charAt(result.length() - 1) != '_') {
                    result.append('_');
                }
                c = Character.toLowerCase(c);
                previousUpper = true;
            } else {
                previousUpper = false;
            }
            result.append(c);
        }
        return result.toString();
    }
}
