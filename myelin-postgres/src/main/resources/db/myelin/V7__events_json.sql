-- Event payloads and metadata as json, not jsonb: the log keeps the exact text the serializer wrote
-- (validated as JSON on insert, read back without conversion). Parsing ~500 B into jsonb was the
-- largest part of an append's cost in PostgreSQL after the WAL flush (docs/benchmarks.md, "json
-- event log"). Queries on payloads cast: payload::jsonb.
alter table ${flyway:defaultSchema}.events
    alter column payload type json using payload::json,
    alter column metadata type json using metadata::json;
