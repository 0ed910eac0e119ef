package dev.myelin.examples.pizzeria;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.behaviors.caching.CachingBehavior;
import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The menu over HTTP: filters, the seeded pizzas, the cache and its eviction by a menu change. */
class MenuHttpTest extends PizzeriaHttpTest {

    @Autowired
    CachingBehavior caching;

    @Test
    void theSeededMenuHasMargheritaAndExtraCheeseAndHidesUnavailablePizzas() {
        JsonNode menu = http.get("/api/menu").json();
        assertThat(menu.path("pizzas").findValuesAsString("id")).contains("margherita", "zucca_salvia").doesNotContain("tartufo");
        assertThat(menu.path("toppings").findValuesAsString("id")).contains("extra_cheese");
        JsonNode all = http.get("/api/menu?include_unavailable=true&include_seasonal=false").json();
        assertThat(all.path("pizzas").findValuesAsString("id")).contains("margherita").doesNotContain("zucca_salvia", "tartufo");
        JsonNode vegetarian = http.get("/api/menu?category=vegetarian").json();
        assertThat(vegetarian.path("pizzas").findValuesAsString("category")).containsOnly("vegetarian");
    }

    @Test
    void theMenuIsServedFromTheCacheUntilAMenuChangeEvictsIt() {
        http.get("/api/menu?category=classic");
        CachingBehavior.Stats before = caching.stats();
        JsonNode cached = http.get("/api/menu?category=classic").json();
        CachingBehavior.Stats afterHit = caching.stats();
        assertThat(afterHit.hits()).isEqualTo(before.hits() + 1);
        assertThat(afterHit.misses()).isEqualTo(before.misses());
        assertThat(cached.path("pizzas").findValuesAsString("id")).doesNotContain("bianca");

        Http.Response added = http.post("/api/menu/pizzas", """
                {"pizza_id": "bianca", "name": "Bianca", "description": "Mozzarella, rosemary", "category": "classic",
                 "base_price": 11.50, "preparation_time_minutes": 12, "seasonal": false, "available": true}
                """, "manager");
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        assertThat(caching.stats().evictions()).isGreaterThan(afterHit.evictions());

        JsonNode fresh = http.get("/api/menu?category=classic").json();
        assertThat(caching.stats().misses()).isEqualTo(afterHit.misses() + 1);
        assertThat(fresh.path("pizzas").findValuesAsString("id")).contains("bianca");

        Http.Response changed = http.put("/api/menu/pizzas/bianca", """
                {"name": "Bianca", "description": "Mozzarella, rosemary", "category": "classic",
                 "base_price": 12.00, "preparation_time_minutes": 12, "seasonal": false, "available": false}
                """, "manager");
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(http.get("/api/menu?category=classic").json().path("pizzas").findValuesAsString("id")).doesNotContain("bianca");
        assertThat(place(order("menu-fan", "Nina", "bianca", "medium", "cash")).text("detail"))
                .isEqualTo("One or more pizzas are not available");

        assertThat(http.delete("/api/menu/pizzas/bianca", "manager").status()).isEqualTo(200);
        assertThat(http.delete("/api/menu/pizzas/bianca", "manager").status()).isEqualTo(404);
    }

    @Test
    void onlyManagersChangeTheMenu() {
        String body = """
                {"pizza_id": "chef_special", "name": "Chef's", "category": "specialty", "base_price": 15.00,
                 "preparation_time_minutes": 15, "seasonal": false, "available": true}
                """;
        assertThat(http.post("/api/menu/pizzas", body, "chef").status()).isEqualTo(403);
        assertThat(http.post("/api/menu/pizzas", body, null).status()).isEqualTo(401);
    }

    @Test
    void eachPizzaCarriesTheSeedsFieldsIsSeasonalAvailableSizesAndAvailableToppings() {
        JsonNode menu = http.get("/api/menu").json();
        for (JsonNode pizza : menu.path("pizzas")) {
            assertThat(pizza.path("is_seasonal").isBoolean()).as(pizza.toString()).isTrue();
            assertThat(pizza.path("is_seasonal").asBoolean()).isEqualTo(pizza.path("seasonal").asBoolean());
            assertThat(pizza.path("available_sizes").valueStream().map(JsonNode::asString))
                    .containsExactly("small", "medium", "large");
            assertThat(pizza.path("available_toppings").valueStream().map(JsonNode::asString))
                    .contains("extra_cheese", "mushrooms", "basil");
        }
        assertThat(menu.path("pizzas").valueStream().filter(pizza -> pizza.path("id").asString().equals("zucca_salvia"))
                .map(pizza -> pizza.path("is_seasonal").asBoolean())).containsExactly(true);
        assertThat(menu.path("toppings").valueStream().map(topping -> topping.path("available").asBoolean(false)))
                .isNotEmpty().containsOnly(true);
    }
}
