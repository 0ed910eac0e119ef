package dev.myelin.examples.pizzeria.menu;

import dev.myelin.core.Mediator;
import dev.myelin.spring.boot.web.ControllerBase;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The menu API: anyone reads it, managers change it. Knows only the mediator and the DTOs. */
@RestController
@RequestMapping("/api/menu")
class MenuController extends ControllerBase {

    MenuController(Mediator mediator) {
        super(mediator);
    }

    @GetMapping
    ResponseEntity<MenuDto> menu(@RequestParam(name = "category", required = false) String category,
            @RequestParam(name = "include_unavailable", defaultValue = "false") boolean includeUnavailable,
            @RequestParam(name = "include_seasonal", defaultValue = "true") boolean includeSeasonal) {
        return process(mediator().send(new GetMenu(category, includeUnavailable, includeSeasonal)));
    }

    @PostMapping("/pizzas")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<MenuChangeDto> add(@RequestBody AddPizza command) {
        return process(mediator().send(command));
    }

    @PutMapping("/pizzas/{pizzaId}")
    ResponseEntity<MenuChangeDto> change(@PathVariable String pizzaId, @RequestBody PizzaDetailsRequest body) {
        return process(mediator().send(body.toCommand(pizzaId)));
    }

    @DeleteMapping("/pizzas/{pizzaId}")
    ResponseEntity<MenuChangeDto> remove(@PathVariable String pizzaId) {
        return process(mediator().send(new RemovePizza(pizzaId)));
    }
}
