package dev.myelin.examples.pizzeria.inventory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The inventory's write side: one row of {@code inventory_stock} per counted ingredient, changed only by
 * guarded single-row updates in the calling command's transaction (never a scan: each statement finds
 * its rows by primary key, so an order costs the same however many orders and ingredients there are).
 *
 * <p><b>Concurrency.</b> Rows are always locked in ingredient order (a sorted map), by every caller, so
 * two orders sharing ingredients wait for each other and never deadlock. A reservation first locks the
 * order's counted rows ({@code FOR UPDATE}), checks them all, then updates each with the guard
 * {@code on_hand - reserved >= n}; a row's lock is held until the transaction ends, so the last units go
 * to exactly as many orders as they cover, and a rolled-back order leaves the stock as it was. The
 * table's checks ({@code 0 <= reserved <= on_hand}) refuse anything else. Thread-safe.
 */
@Component
class Stock {

    /** Parameters: ingredients. Locks the counted ones, in key order, and returns their free units. */
    private static final String SQL_LOCK = """
            select ingredient, on_hand - reserved from inventory_stock where ingredient in (:ingredients)
            order by ingredient for update
            """;

    /** Parameters: ingredient, units, at. No row when fewer units are free. */
    private static final String SQL_RESERVE = """
            update inventory_stock set reserved = reserved + :units, updated_at = :at
            where ingredient = :ingredient and on_hand - reserved >= :units
            returning on_hand, reserved
            """;

    /** Parameters: ingredient, units, at. */
    private static final String SQL_RELEASE = """
            update inventory_stock set reserved = reserved - :units, updated_at = :at
            where ingredient = :ingredient and reserved >= :units
            returning on_hand, reserved
            """;

    /** Parameters: ingredient, units, at. */
    private static final String SQL_CONSUME = """
            update inventory_stock set on_hand = on_hand - :units, reserved = reserved - :units, updated_at = :at
            where ingredient = :ingredient and reserved >= :units
            returning on_hand, reserved
            """;

    /** Parameters: ingredient, units, at. No row when the units would pass the most the table holds. */
    private static final String SQL_RESTOCK = """
            insert into inventory_stock as stock (ingredient, on_hand, reserved, updated_at)
            values (:ingredient, :units, 0, :at)
            on conflict (ingredient) do update set on_hand = stock.on_hand + excluded.on_hand, updated_at = excluded.updated_at
            where stock.on_hand + excluded.on_hand <= :most
            returning on_hand, reserved
            """;

    /** The most units of one ingredient on hand (the table's check). */
    static final int MOST_ON_HAND = 1_000_000;

    private final JdbcClient jdbc;

    Stock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reserves units of ingredients, all or none.
     *
     * @param wanted units per ingredient
     * @param at when
     * @return the levels of the counted ingredients reserved (empty when none is counted), or empty when
     *     one of them has too few units free (nothing is reserved)
     */
    Optional<List<StockLevel>> reserve(SortedMap<String, Integer> wanted, Instant at) {
        SortedMap<String, Integer> free = new TreeMap<>();
        jdbc.sql(SQL_LOCK).param("ingredients", wanted.keySet())
                .query((row, n) -> Map.entry(row.getString(1), row.getInt(2))).list()
                .forEach(counted -> free.put(counted.getKey(), counted.getValue()));
        for (Map.Entry<String, Integer> counted : free.entrySet()) {
            if (counted.getValue() < wanted.get(counted.getKey())) {
                return Optional.empty();
            }
        }
        List<StockLevel> levels = new ArrayList<>(free.size());
        for (String ingredient : free.keySet()) {
            levels.add(change(SQL_RESERVE, ingredient, wanted.get(ingredient), at)
                    .orElseThrow(() -> new IllegalStateException("Stock of " + ingredient + " changed under its lock")));
        }
        return Optional.of(levels);
    }

    /**
     * Gives reserved units back.
     *
     * @param portions units per ingredient, as reserved
     * @param at when
     * @return the levels after
     */
    List<StockLevel> release(Collection<Portion> portions, Instant at) {
        return each(SQL_RELEASE, portions, at);
    }

    /**
     * Takes reserved units out of the stock.
     *
     * @param portions units per ingredient, as reserved
     * @param at when
     * @return the levels after
     */
    List<StockLevel> consume(Collection<Portion> portions, Instant at) {
        return each(SQL_CONSUME, portions, at);
    }

    /**
     * Adds units of an ingredient, counting it from now on if it was not counted.
     *
     * @param ingredient the ingredient
     * @param units the units added
     * @param at when
     * @return the level after, or empty when it would pass {@link #MOST_ON_HAND}
     */
    Optional<StockLevel> restock(String ingredient, int units, Instant at) {
        return jdbc.sql(SQL_RESTOCK).param("ingredient", ingredient).param("units", units).param("at", Timestamp.from(at))
                .param("most", MOST_ON_HAND)
                .query((row, n) -> new StockLevel(ingredient, units, row.getInt(1), row.getInt(2)))
                .optional();
    }

    /** Applies one statement to each portion, in ingredient order (the lock order). */
    private List<StockLevel> each(String sql, Collection<Portion> portions, Instant at) {
        SortedMap<String, Integer> sorted = new TreeMap<>();
        portions.forEach(portion -> sorted.merge(portion.ingredient(), portion.units(), Integer::sum));
        List<StockLevel> levels = new ArrayList<>(sorted.size());
        sorted.forEach((ingredient, units) -> levels.add(change(sql, ingredient, units, at)
                .orElseThrow(() -> new IllegalStateException("Stock of " + ingredient + " holds fewer than " + units
                        + " reserved units"))));
        return levels;
    }

    private Optional<StockLevel> change(String sql, String ingredient, int units, Instant at) {
        return jdbc.sql(sql).param("ingredient", ingredient).param("units", units).param("at", Timestamp.from(at))
                .query((row, n) -> new StockLevel(ingredient, units, row.getInt(1), row.getInt(2)))
                .optional();
    }

    /**
     * Units of one ingredient held by an order.
     *
     * @param ingredient the ingredient
     * @param units the units
     */
    record Portion(String ingredient, int units) {
    }
}
