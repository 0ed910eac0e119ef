-- Ingredient stock, the write side of the inventory (inventory.Stock): one row per counted ingredient,
-- 'base:<pizza_id>' (a pizza's base: dough, sauce and cheese for one pizza) or 'topping:<topping_id>'.
-- An ingredient without a row is not counted (never restocked): it never runs out. Orders reserve with
-- a guarded update (on_hand - reserved >= n) on these rows; the checks hold whatever the code does.
create table inventory_stock (
    ingredient text        primary key,
    on_hand    int         not null check (on_hand >= 0 and on_hand <= 1000000),
    reserved   int         not null check (reserved >= 0 and reserved <= on_hand),
    updated_at timestamptz not null
);

-- The inventory read model, kept inline by InventoryProjection from the inventory events: what
-- GET /api/inventory lists, and what GET /api/menu joins to show a pizza or topping out of stock.
create table ingredient_levels (
    ingredient text        primary key,
    on_hand    int         not null,
    reserved   int         not null,
    updated_at timestamptz not null
);
