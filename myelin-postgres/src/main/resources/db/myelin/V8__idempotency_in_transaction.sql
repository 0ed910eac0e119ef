-- Idempotency records written in the command's own transaction (see PostgresIdempotencyStore):
-- the owner token of a reservation, the request's fingerprint, and the tenant in the key's scope.
-- ${flyway:defaultSchema} is the framework schema, "myelin" unless configured (see MyelinSchema).

alter table ${flyway:defaultSchema}.idempotency_keys
    add column tenant      text not null default '',
    -- the token of the reservation that may complete the row; null once completed
    add column owner       text,
    -- a hash of the request that reserved the key; a repeat with another one is refused
    add column fingerprint text;

alter table ${flyway:defaultSchema}.idempotency_keys drop constraint idempotency_keys_pkey;
alter table ${flyway:defaultSchema}.idempotency_keys add primary key (request_type, tenant, principal, key);

-- for purgeExpired
create index idempotency_keys_expires_at on ${flyway:defaultSchema}.idempotency_keys (expires_at);
