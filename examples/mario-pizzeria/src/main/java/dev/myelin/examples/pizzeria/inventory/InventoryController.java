package dev.myelin.examples.pizzeria.inventory;

import dev.myelin.core.Mediator;
import dev.myelin.spring.boot.web.ControllerBase;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The inventory API: chefs and managers read the stock, managers restock. Knows only the mediator and the DTOs. */
@RestController
@RequestMapping("/api/inventory")
class InventoryController extends ControllerBase {

    InventoryController(Mediator mediator) {
        super(mediator);
    }

    @GetMapping
    ResponseEntity<InventoryDto> inventory() {
        return process(mediator().send(new GetInventory()));
    }

    @PostMapping("/bases/{pizzaId}/restock")
    ResponseEntity<RestockDto> restockBase(@PathVariable String pizzaId, @RequestBody RestockRequest body) {
        return process(mediator().send(new RestockIngredient(RestockIngredient.BASE, pizzaId, body.quantity())));
    }

    @PostMapping("/toppings/{toppingId}/restock")
    ResponseEntity<RestockDto> restockTopping(@PathVariable String toppingId, @RequestBody RestockRequest body) {
        return process(mediator().send(new RestockIngredient(RestockIngredient.TOPPING, toppingId, body.quantity())));
    }
}
