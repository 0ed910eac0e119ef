-- Popular pizzas read model, kept by PopularPizzasProjection (asynchronous, checkpointed).
create table analytics_order_items (
    order_id   text          not null,
    line_no    int           not null,
    pizza_id   text          not null,
    pizza_name text          not null,
    revenue    numeric(9, 2) not null,
    ordered_at timestamptz   not null,
    primary key (order_id, line_no)
);
create index analytics_order_items_time on analytics_order_items (ordered_at);
