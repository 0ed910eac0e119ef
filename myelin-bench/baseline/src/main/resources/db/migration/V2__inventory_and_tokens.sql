-- What the pizzeria gained after V1: the order's token (only its SHA-256 stored, as the pizzeria's
-- order_summaries does) and the inventory rule (the pizzeria's V20 inventory_stock, with the same guarded
-- reservation in the placing transaction; an ingredient without a row is not counted and never runs out).
alter table orders add column token_hash text;

create table inventory_stock (
    ingredient text        primary key,
    on_hand    int         not null check (on_hand >= 0 and on_hand <= 1000000),
    reserved   int         not null check (reserved >= 0 and reserved <= on_hand),
    updated_at timestamptz not null
);

-- The units an order holds, by ingredient (written only when it reserved a counted ingredient).
create table stock_reservations (
    order_id    text        primary key references orders (order_id),
    portions    jsonb       not null,
    reserved_at timestamptz not null
);
