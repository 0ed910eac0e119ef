-- The test application's own schema, migrated by Spring Boot's Flyway next to the framework's.
create table pizza_count (
    name  text primary key,
    count integer not null
);

create table pizza_list (
    id   text primary key,
    name text not null
);
