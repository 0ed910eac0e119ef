-- Kitchen performance, kept by KitchenPerformanceProjection (asynchronous, checkpointed): when each
-- order's cooking started, by whom and against which estimate (CookingStarted), then each pizza's
-- actual cooking time from the start to its PizzaReady, on time or late against that estimate.
create table kitchen_cooking (
    order_id          text primary key,
    kitchen_staff_id  text        not null,
    estimated_minutes int         not null,
    started_at        timestamptz not null
);

create table kitchen_pizza_times (
    order_id          text        not null,
    pizza_index       int         not null,
    pizza_id          text        not null,
    kitchen_staff_id  text        not null,
    ready_day         date        not null,
    ready_at          timestamptz not null,
    cooking_seconds   int         not null,
    estimated_minutes int         not null,
    on_time           boolean     not null,
    primary key (order_id, pizza_index)
);
create index kitchen_pizza_times_ready on kitchen_pizza_times (ready_at);
