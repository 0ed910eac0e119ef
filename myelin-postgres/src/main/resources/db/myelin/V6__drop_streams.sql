-- The event store no longer keeps a row per stream: the unique (stream_id, stream_version) key of
-- events is the optimistic concurrency check on its own (see PostgresEventStore). The table only
-- repeated each stream's last version, which max(stream_version) gives from that key's index.
drop table ${flyway:defaultSchema}.streams;
