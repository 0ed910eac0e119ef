-- The SHA-256 of each order's token (the token itself is handed out once and never stored): whoever
-- presents the token may see, pay and cancel the order (OrderOwners). Null for orders placed before.
alter table order_summaries add column token_hash text;
