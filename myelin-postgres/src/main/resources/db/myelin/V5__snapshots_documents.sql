-- Myelin aggregate state: snapshots of event-sourced aggregates and documents of state-stored ones.
-- ${flyway:defaultSchema} is the framework schema, "myelin" unless configured (see MyelinSchema).

-- The newest snapshot of each stream; state_type is the Java class the state is read back as.
create table ${flyway:defaultSchema}.snapshots (
    stream_id  text        primary key,
    version    bigint      not null,
    state_type text        not null,
    state      jsonb       not null,
    taken_at   timestamptz not null default now()
);

-- The state of state-stored aggregates, one row per (aggregate type, id); version is the optimistic
-- concurrency check, one more per save.
create table ${flyway:defaultSchema}.documents (
    aggregate_type text        not null,
    aggregate_id   text        not null,
    version        bigint      not null,
    state          jsonb       not null,
    updated_at     timestamptz not null default now(),
    primary key (aggregate_type, aggregate_id)
);
