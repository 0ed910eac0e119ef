-- Notifications write less per row (issue 11). A row still to send is named in notifications_pending,
-- inserted by the statement that stores the notification and deleted by the transaction that sends it
-- (a delete adds no index entry). The dispatcher claims a pending row by locking it (for update skip
-- locked) in that same transaction, so no claimed_at write; and no sent_at update, which rewrote the
-- whole row with new entries in every index (sent_at is in notifications_unsent's predicate).
-- The notifications' key becomes (event_id, channel), the one every write and send looks up: the
-- separate unique index goes; id stays, unindexed, as the tie-break of the recipients' lists.
create table notifications_pending (
    event_id text not null,
    channel  text not null,
    primary key (event_id, channel)
);
insert into notifications_pending (event_id, channel)
select event_id, channel from notifications where sent_at is null;

drop index notifications_unsent;
alter table notifications drop column claimed_at, drop column sent_at;
alter table notifications drop constraint notifications_pkey;
alter table notifications drop constraint notifications_event_id_channel_key;
alter table notifications add primary key (event_id, channel);
