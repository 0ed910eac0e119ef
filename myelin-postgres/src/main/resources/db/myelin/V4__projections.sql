-- Myelin projections: one checkpoint and one lease row per asynchronous projection.
-- ${flyway:defaultSchema} is the framework schema, "myelin" unless configured (see MyelinSchema).

-- The position of the last event a projection applied (read order, see PostgresEventStore), saved in the
-- transaction of the batch's read-model writes. fencing_token is the lease token the batch ran under: a save
-- with a lower token than the stored one is refused, so a fenced-off owner cannot commit.
create table ${flyway:defaultSchema}.projection_checkpoints (
    projection    text        primary key,
    position      bigint      not null,
    fencing_token bigint      not null,
    updated_at    timestamptz not null default now()
);

-- Who owns a projection, until when (epoch milliseconds of the lease's clock), under which fencing token.
-- Rows are never deleted (a release only expires the lease), so tokens grow for as long as the schema lives.
create table ${flyway:defaultSchema}.projection_leases (
    projection    text   primary key,
    owner         text   not null,
    fencing_token bigint not null,
    expires_at    bigint not null
);
