package dev.myelin.behaviors.caching;

import dev.myelin.core.Command;
import dev.myelin.core.MediatorConfigurationException;
import dev.myelin.core.Query;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the caching behavior does for one request type, resolved once from its annotations and
 * the configuration: nothing, cache it for a time to live, or evict after it commits.
 *
 * @param kind what to do
 * @param ttlNanos the time to live of a cached query's entries, in nanoseconds
 * @param tags a cached query's tags
 * @param eviction an evicting command's eviction, shared by all its sends
 */
record CachePolicy(Kind kind, long ttlNanos, Set<String> tags, Runnable eviction) {

    enum Kind { NONE, CACHE, EVICT }

    private static final Runnable NO_EVICTION = () -> { };

    static final CachePolicy NONE = new CachePolicy(Kind.NONE, 0, Set.of(), NO_EVICTION);

    static CachePolicy resolve(Class<?> type, Map<Class<?>, Duration> configuredTtls, Duration defaultTtl,
            Function<CacheInvalidation, Runnable> evictionOf) {
        Cached cached = type.getAnnotation(Cached.class);
        Evicts evicts = type.getAnnotation(Evicts.class);
        Duration configured = configuredTtls.get(type);
        List<String> problems = new ArrayList<>();
        CachePolicy policy = NONE;
        if (cached != null || configured != null) {
            policy = cachePolicy(type, cached, configured, defaultTtl, problems);
        }
        if (evicts != null) {
            if (policy != NONE) {
                problems.add(type.getName() + " is both cached and evicting: only queries are cached, only commands evict");
            }
            policy = evictPolicy(type, evicts, evictionOf, problems);
        }
        if (!problems.isEmpty()) {
            throw new MediatorConfigurationException(problems);
        }
        return policy;
    }

    private static CachePolicy cachePolicy(Class<?> type, Cached cached, Duration configured, Duration defaultTtl,
            List<String> problems) {
        if (!Query.class.isAssignableFrom(type)) {
            problems.add("@Cached on " + type.getName() + ": only queries are cached, and it is not a Query");
        }
        if (!type.isRecord() && !overridesEquals(type)) {
            problems.add(type.getName() + " is cached by its value, so it must be a record or override equals and hashCode");
        }
        Duration ttl = configured != null ? configured : defaultTtl;
        if (configured == null && cached != null && !cached.ttl().isEmpty()) {
            try {
                ttl = Duration.parse(cached.ttl());
            } catch (DateTimeParseException invalid) {
                problems.add("@Cached(ttl = \"" + cached.ttl() + "\") on " + type.getName()
                        + " is not an ISO-8601 duration such as \"PT30M\" or \"PT1M30S\"");
                return NONE;
            }
            if (ttl.isNegative() || ttl.isZero()) {
                problems.add("@Cached(ttl = \"" + cached.ttl() + "\") on " + type.getName() + " must be positive");
            }
        }
        Set<String> tags = cached == null ? Set.of() : tags(type, "@Cached", cached.tags(), problems);
        return new CachePolicy(Kind.CACHE, saturatedNanos(ttl), tags, NO_EVICTION);
    }

    private static CachePolicy evictPolicy(Class<?> type, Evicts evicts, Function<CacheInvalidation, Runnable> evictionOf,
            List<String> problems) {
        if (!Command.class.isAssignableFrom(type)) {
            problems.add("@Evicts on " + type.getName() + ": only commands evict, and it is not a Command");
        }
        if (evicts.queries().length == 0 && evicts.tags().length == 0) {
            problems.add("@Evicts on " + type.getName() + " names neither queries nor tags");
        }
        Set<String> tags = tags(type, "@Evicts", evicts.tags(), problems);
        CacheInvalidation invalidation = new CacheInvalidation(Set.<Class<?>>copyOf(Arrays.asList(evicts.queries())), tags);
        return new CachePolicy(Kind.EVICT, 0, Set.of(), evictionOf.apply(invalidation));
    }

    private static Set<String> tags(Class<?> type, String annotation, String[] tags, List<String> problems) {
        for (String tag : tags) {
            if (tag.isBlank()) {
                problems.add(annotation + " on " + type.getName() + " has a blank tag");
            }
        }
        return Set.copyOf(Arrays.asList(tags));
    }

    private static boolean overridesEquals(Class<?> type) {
        try {
            return type.getMethod("equals", Object.class).getDeclaringClass() != Object.class
                    && type.getMethod("hashCode").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException impossible) {
            return false;
        }
    }

    private static long saturatedNanos(Duration ttl) {
        try {
            return ttl.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
