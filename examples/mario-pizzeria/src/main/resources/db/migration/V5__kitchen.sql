-- The kitchen queue, kept inline by KitchenQueueProjection: orders not yet ready, first in first out.
create table kitchen_queue (
    order_id             text primary key,
    customer_name        text        not null,
    status               text        not null,
    order_time           timestamptz not null,
    estimated_ready_time timestamptz not null,
    pizza_count          int         not null,
    pizzas_ready         int         not null,
    total_prep_time      int         not null,
    pizzas               jsonb       not null,
    special_instructions jsonb       not null,
    kitchen_staff_id     text
);
create index kitchen_queue_fifo on kitchen_queue (order_time, order_id);
