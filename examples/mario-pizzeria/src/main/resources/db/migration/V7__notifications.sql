-- Notifications sent (customer SMS, kitchen notices), written by the outbox event handlers. The unique
-- key on (event_id, channel) makes a redelivered event store and send nothing twice.
create table notifications (
    id         bigserial primary key,
    event_id   text        not null,
    channel    text        not null,
    recipient  text        not null,
    phone      text,
    order_id   text        not null,
    message    text        not null,
    created_at timestamptz not null,
    unique (event_id, channel)
);
create index notifications_recipient on notifications (recipient, created_at desc);

-- Who to text about an order, kept by the SMS handler from OrderPlaced.
create table notification_contacts (
    order_id      text primary key,
    customer_id   text not null,
    customer_name text not null,
    phone         text not null
);
