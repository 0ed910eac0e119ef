-- Order read models, kept inline by OrderSummaryProjection and OrderDetailProjection.
create table order_summaries (
    order_id             text primary key,
    customer_id          text          not null,
    customer_name        text          not null,
    status               text          not null,
    items_count          int           not null,
    prep_minutes         int           not null,
    total_amount         numeric(9, 2) not null,
    payment_status       text          not null,
    placed_at            timestamptz   not null,
    estimated_ready_time timestamptz   not null,
    updated_at           timestamptz   not null,
    viewed_at            timestamptz
);
create index order_summaries_customer on order_summaries (customer_id, placed_at desc);
create index order_summaries_status on order_summaries (status, placed_at desc);

-- The whole detail view of one order (customer, items, payment, kitchen, delivery, timeline, totals).
create table order_details (
    order_id text primary key,
    detail   jsonb not null
);
