-- The kitchen's load over 64 stripes (was 16). A placement updates its stripe in its own transaction
-- and holds that row's lock until its commit (WAL flush included): with 10 pooled connections placing
-- at once, two of them hit one stripe in about 4 of 10 placements at 16 stripes, about 1 in 8 at 64
-- (the plain-Spring baseline's kitchen load has 64 slots). Rows queued before keep their load_stripe;
-- the load is still the sum of the stripes.
alter table kitchen_load drop constraint kitchen_load_stripe_check;
alter table kitchen_load add constraint kitchen_load_stripe_check check (stripe between 0 and 63);

insert into kitchen_load (stripe, pizzas, prep_minutes)
select stripe, 0, 0 from generate_series(16, 63) as stripe;
