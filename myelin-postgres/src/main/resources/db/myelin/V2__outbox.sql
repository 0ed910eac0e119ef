-- Myelin outbox: pending deliveries per (event, handler), the inbox, and dead letters.
-- ${flyway:defaultSchema} is the framework schema, "myelin" unless configured (see MyelinSchema).

-- One row per delivery still to make. Events are not copied: a delivery joins the event log by event_id.
-- next_attempt_at: '-infinity' = due now (independent of any clock); a claim or a backoff moves it forward.
create table ${flyway:defaultSchema}.outbox (
    id              bigint      generated always as identity primary key,
    event_id        uuid        not null references ${flyway:defaultSchema}.events (event_id),
    global_position bigint      not null,
    handler         text        not null,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default '-infinity',
    claimed_by      text,
    claimed_until   timestamptz,
    last_error      text,
    enqueued_at     timestamptz not null default now()
);

-- claim: due rows in position order.
create index outbox_position_idx on ${flyway:defaultSchema}.outbox (global_position, id);
-- claim: the rows not due (claimed or backing off), few, that hold back their handler's later rows.
create index outbox_next_attempt_idx on ${flyway:defaultSchema}.outbox (next_attempt_at);

-- Processed events per handler, written in the handler's own transaction.
create table ${flyway:defaultSchema}.inbox (
    handler      text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (handler, event_id)
);

-- Deliveries given up after their last attempt; the id is the delivery's id.
create table ${flyway:defaultSchema}.dead_letters (
    id              bigint      primary key,
    event_id        uuid        not null references ${flyway:defaultSchema}.events (event_id),
    global_position bigint      not null,
    event_type      text        not null,
    handler         text        not null,
    attempts        int         not null,
    error           text        not null,
    failed_at       timestamptz not null,
    enqueued_at     timestamptz not null
);
