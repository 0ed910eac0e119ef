-- Notifications are stored by the event handlers in their own transaction and sent only after it
-- commits (NotificationDispatcher): claimed_at marks a send in progress, sent_at a send done. A row
-- left unsent by a crash is sent by the dispatcher's sweep. Rows from before were sent already.
alter table notifications add column claimed_at timestamptz;
alter table notifications add column sent_at timestamptz;
update notifications set sent_at = created_at;
create index notifications_unsent on notifications (id) where sent_at is null;
