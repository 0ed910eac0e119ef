-- Customer history read model, kept by CustomerHistoryProjection (asynchronous, checkpointed).
create table customer_orders (
    order_id     text primary key,
    customer_id  text          not null,
    placed_at    timestamptz   not null,
    status       text          not null,
    items_count  int           not null,
    total_amount numeric(9, 2) not null,
    pizza_ids    jsonb         not null
);
create index customer_orders_customer on customer_orders (customer_id, placed_at desc);

create table customer_stats (
    customer_id   text primary key,
    customer_name text           not null,
    total_orders  int            not null,
    total_spent   numeric(11, 2) not null
);

create table customer_pizzas (
    customer_id text not null,
    pizza_id    text not null,
    pizza_name  text not null,
    quantity    int  not null,
    primary key (customer_id, pizza_id)
);
