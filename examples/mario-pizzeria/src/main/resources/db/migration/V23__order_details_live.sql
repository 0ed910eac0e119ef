-- The order detail (GET /api/orders/{id}) is folded from the order's own event stream when it is read
-- (OrderDetails.fold, a live projection): no command writes a detail row any more, so the table goes.
-- Every order's events are in the log since its OrderPlaced, so every order keeps its detail.
drop table if exists order_details;
