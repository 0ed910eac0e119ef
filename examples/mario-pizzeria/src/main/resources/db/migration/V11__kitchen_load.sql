-- The kitchen's load: the pizzas of the orders in kitchen_queue (pending, confirmed or cooking) and
-- their preparation minutes, kept by KitchenQueueProjection in the same statements that insert and
-- delete queue rows (inline, in the command's transaction), so placing an order reads 16 rows instead
-- of summing every active order. Spread over 16 stripes: a placement updates the stripe its queue row
-- names (load_stripe), so concurrent placements rarely wait for one another's row lock; the load is
-- the sum of the stripes. The checks refuse a stripe going negative (a decrement without increment).
create table kitchen_load (
    stripe       int primary key check (stripe between 0 and 15),
    pizzas       int not null check (pizzas >= 0),
    prep_minutes int not null check (prep_minutes >= 0)
);

alter table kitchen_queue add column load_stripe int not null default 0;

insert into kitchen_load (stripe, pizzas, prep_minutes)
select stripe, 0, 0 from generate_series(0, 15) as stripe;

-- Orders already queued when this runs are counted in stripe 0 (their load_stripe).
update kitchen_load
set pizzas       = (select coalesce(sum(pizza_count), 0) from kitchen_queue),
    prep_minutes = (select coalesce(sum(total_prep_time), 0) from kitchen_queue)
where stripe = 0;
