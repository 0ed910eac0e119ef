-- Card authorizations, written before the order's transaction (autocommit) so that one whose order
-- never committed is found and voided: 'authorizing' (sent to the provider, no answer recorded yet),
-- 'authorized', 'attached' (set in the order's own transaction: its order committed), 'declined',
-- 'voided'. The key is the authorization's idempotency key at the provider.
create table payment_authorizations (
    idempotency_key  text primary key,
    order_id         text          not null,
    amount           numeric(9, 2) not null,
    authorization_id text,
    status           text          not null,
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null
);
create index payment_authorizations_open on payment_authorizations (created_at)
    where status in ('authorizing', 'authorized');
