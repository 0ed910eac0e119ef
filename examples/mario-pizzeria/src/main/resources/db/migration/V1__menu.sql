-- The menu read model, kept by MenuProjection (inline), and the toppings price list.
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
