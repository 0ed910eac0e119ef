-- The baseline's schema: the pizzeria's menu tables (with its house menu, which the pizzeria seeds through
-- its commands at startup), the orders as plain rows, and the kitchen load kept in the placing transaction.
create table menu_pizzas (
    pizza_id                 text primary key,
    name                     text          not null,
    description              text          not null,
    category                 text          not null,
    base_price               numeric(7, 2) not null,
    preparation_time_minutes int           not null,
    seasonal                 boolean       not null,
    available                boolean       not null,
    updated_at               timestamptz   not null
);

create table menu_toppings (
    topping_id text primary key,
    name       text          not null,
    price      numeric(5, 2) not null
);

insert into menu_toppings (topping_id, name, price) values
    ('extra_cheese', 'Extra cheese', 1.50),
    ('mushrooms', 'Mushrooms', 1.00),
    ('pepperoni', 'Pepperoni', 2.00),
    ('ham', 'Ham', 2.00),
    ('olives', 'Olives', 1.00),
    ('onions', 'Onions', 0.75),
    ('basil', 'Fresh basil', 0.50),
    ('jalapenos', 'Jalapeños', 1.00);

insert into menu_pizzas (pizza_id, name, description, category, base_price, preparation_time_minutes, seasonal, available,
                         updated_at) values
    ('margherita', 'Margherita', 'Tomato, mozzarella, basil', 'classic', 12.99, 15, false, true, now()),
    ('marinara', 'Marinara', 'Tomato, garlic, oregano', 'classic', 9.99, 12, false, true, now()),
    ('pepperoni', 'Pepperoni', 'Tomato, mozzarella, spicy pepperoni', 'classic', 14.99, 15, false, true, now()),
    ('quattro_formaggi', 'Quattro Formaggi', 'Mozzarella, gorgonzola, fontina, parmesan', 'vegetarian', 15.49, 16, false,
     true, now()),
    ('funghi', 'Funghi', 'Tomato, mozzarella, mushrooms', 'vegetarian', 13.49, 15, false, true, now()),
    ('diavola', 'Diavola', 'Tomato, mozzarella, salame piccante, chili', 'specialty', 14.49, 15, false, true, now()),
    ('capricciosa', 'Capricciosa', 'Ham, mushrooms, artichokes, olives', 'specialty', 15.99, 18, false, true, now()),
    ('zucca_salvia', 'Zucca e Salvia', 'Pumpkin cream, sage, mozzarella', 'specialty', 16.50, 18, true, true, now()),
    ('tartufo', 'Tartufo', 'Black truffle, fior di latte', 'specialty', 21.90, 20, true, false, now());

create table orders (
    order_id             text primary key,
    customer_id          text          not null,
    customer_name        text          not null,
    customer_phone       text          not null,
    customer_address     text          not null,
    status               text          not null,
    items_count          int           not null,
    prep_minutes         int           not null,
    subtotal             numeric(9, 2) not null,
    tax                  numeric(9, 2) not null,
    delivery_fee         numeric(9, 2) not null,
    total_amount         numeric(9, 2) not null,
    payment_method       text          not null,
    payment_status       text          not null,
    transaction_id       text,
    placed_at            timestamptz   not null,
    estimated_ready_time timestamptz   not null,
    updated_at           timestamptz   not null
);
-- A customer's orders, newest first (what an order history reads).
create index orders_customer on orders (customer_id, placed_at desc);

create table order_items (
    order_id                 text          not null references orders (order_id),
    line                     int           not null,
    pizza_id                 text          not null,
    pizza_name               text          not null,
    size                     text          not null,
    toppings                 text[]        not null,
    special_instructions     text,
    base_price               numeric(7, 2) not null,
    toppings_price           numeric(7, 2) not null,
    price                    numeric(7, 2) not null,
    preparation_time_minutes int           not null,
    primary key (order_id, line)
);

-- Pizzas waiting or cooking and their preparation minutes, as a counter striped over 64 rows: an order
-- adds to one row chosen at random, the capacity check sums all 64. The check costs the same however many
-- orders there are, and concurrent orders rarely wait for one another's row lock (a single counter row
-- would make every placing transaction wait for the previous one's commit). A transition out of the
-- active statuses would subtract in its own transaction; the baseline has none.
create table kitchen_load (
    slot         int primary key,
    pizzas       int not null,
    prep_minutes int not null
);
insert into kitchen_load (slot, pizzas, prep_minutes) select slot, 0, 0 from generate_series(0, 63) as slot;
