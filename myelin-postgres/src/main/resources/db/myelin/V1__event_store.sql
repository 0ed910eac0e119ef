-- Myelin event store: streams (one row per stream, the optimistic concurrency check) and the event log.
-- ${flyway:defaultSchema} is the framework schema, "myelin" unless configured (see MyelinSchema).

create table ${flyway:defaultSchema}.streams (
    stream_id text   primary key,
    version   bigint not null
);

create table ${flyway:defaultSchema}.events (
    global_position bigint      generated always as identity primary key,
    stream_id       text        not null,
    stream_version  bigint      not null,
    event_id        uuid        not null,
    type            text        not null,
    schema_version  int         not null,
    payload         jsonb       not null,
    metadata        jsonb       not null,
    recorded_at     timestamptz not null default now(),
    -- The writing transaction: readers of the whole log only read events of transactions older than
    -- every transaction still in flight, so an event that commits late is never skipped.
    tx_id           xid8        not null default pg_current_xact_id(),
    constraint events_event_id_key unique (event_id),
    constraint events_stream_version_key unique (stream_id, stream_version)
);

-- readAll: (tx_id, global_position) > (checkpoint) and tx_id < oldest transaction in flight, in that order.
create index events_tx_position_idx on ${flyway:defaultSchema}.events (tx_id, global_position);
