-- Customer analytics, kept by CustomerAnalyticsProjection (asynchronous, checkpointed) from OrderPlaced
-- and OrderCancelled: each customer's first order, and each order's value and whether its customer had
-- ordered before (the seed's "new" or "returning" customer type).
create table analytics_customers (
    customer_id    text primary key,
    first_order_id text        not null,
    first_order_at timestamptz not null
);

create table analytics_orders (
    order_id           text primary key,
    customer_id        text          not null,
    placed_at          timestamptz   not null,
    amount             numeric(9, 2) not null,
    returning_customer boolean       not null,
    cancelled          boolean       not null default false
);
create index analytics_orders_time on analytics_orders (placed_at);
