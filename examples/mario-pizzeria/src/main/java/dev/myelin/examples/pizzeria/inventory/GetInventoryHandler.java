package dev.myelin.examples.pizzeria.inventory;

import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the {@code ingredient_levels} read model; never the stock rows that orders lock. */
@Component
class GetInventoryHandler implements QueryHandler<GetInventory, OperationResult<InventoryDto>> {

    private static final String SQL_LEVELS = """
            select ingredient, on_hand, reserved from ingredient_levels order by ingredient
            """;

    private final JdbcClient jdbc;

    GetInventoryHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OperationResult<InventoryDto> handle(GetInventory query) {
        return OperationResult.ok(new InventoryDto(jdbc.sql(SQL_LEVELS)
                .query((row, n) -> new InventoryDto.Ingredient(row.getString(1), row.getInt(2), row.getInt(3),
                        row.getInt(2) - row.getInt(3)))
                .list()));
    }
}
