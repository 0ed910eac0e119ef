package dev.myelin.examples.pizzeria.shared;

import java.util.List;

/**
 * One page of a list answered by a query.
 *
 * @param items the items of this page
 * @param page the page number, from 1
 * @param pageSize the most items per page
 * @param totalItems the items of all pages
 * @param <T> the item type
 * @since 0.1
 */
public record Page<T>(List<T> items, int page, int pageSize, long totalItems) {

    /** Largest page size a query accepts. */
    public static final int MAX_PAGE_SIZE = 100;

    /** Copies the items. */
    public Page {
        items = List.copyOf(items);
    }

    /**
     * Returns the row offset of a page.
     *
     * @param page the page number, from 1
     * @param pageSize the page size
     * @return the number of rows before the page
     */
    public static long offset(int page, int pageSize) {
        return (long) (page - 1) * pageSize;
    }
}
