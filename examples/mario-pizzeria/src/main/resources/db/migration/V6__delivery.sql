-- Deliveries, kept inline by DeliveryProjection: every order from placement, listed once ready.
create table deliveries (
    order_id         text primary key,
    customer_name    text          not null,
    customer_phone   text          not null,
    customer_address text          not null,
    amount_due       numeric(9, 2) not null,
    status           text          not null,
    driver_id        text,
    ready_at         timestamptz,
    assigned_at      timestamptz,
    out_at           timestamptz,
    delivered_at     timestamptz,
    placed_at        timestamptz   not null
);
create index deliveries_status on deliveries (status, ready_at);
