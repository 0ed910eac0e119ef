package dev.myelin.examples.pizzeria.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The most ordered pizzas of a period.
 *
 * @param timePeriod the period asked for
 * @param since its start, or {@code null} for all time
 * @param pizzas the pizzas, most ordered first
 * @since 0.1
 */
public record PopularPizzasDto(String timePeriod, Instant since, List<PopularPizza> pizzas) {

    /**
     * One pizza's figures.
     *
     * @param pizzaId the pizza
     * @param pizzaName its name
     * @param timesOrdered how many were ordered
     * @param revenue what they brought in (pizza lines, before tax)
     * @since 0.1
     */
    public record PopularPizza(String pizzaId, String pizzaName, int timesOrdered, BigDecimal revenue) {
    }
}
