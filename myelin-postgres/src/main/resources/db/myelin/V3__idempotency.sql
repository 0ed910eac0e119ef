-- Myelin idempotency records: one row per (request type, principal, key), see PostgresIdempotencyStore.
-- ${flyway:defaultSchema} is the framework schema, "myelin" unless configured (see MyelinSchema).

create table ${flyway:defaultSchema}.idempotency_keys (
    request_type text        not null,
    principal    text        not null,
    key          text        not null,
    -- 'in_flight' until completed; an in-flight row expires after the store's lease (a crashed owner).
    state        text        not null check (state in ('in_flight', 'completed')),
    result_type  text,
    result       jsonb,
    expires_at   timestamptz not null,
    primary key (request_type, principal, key)
);
