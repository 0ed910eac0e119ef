package dev.myelin.examples.pizzeria.analytics;

import dev.myelin.core.Mediator;
import dev.myelin.spring.boot.web.ControllerBase;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The analytics API. Knows only the mediator and the messages. */
@RestController
@RequestMapping("/api/analytics")
class AnalyticsController extends ControllerBase {

    AnalyticsController(Mediator mediator) {
        super(mediator);
    }

    @GetMapping("/popular-pizzas")
    ResponseEntity<PopularPizzasDto> popular(@RequestParam(name = "time_period", defaultValue = "last_30_days") String timePeriod,
            @RequestParam(name = "limit", defaultValue = "10") int limit) {
        return process(mediator().send(new GetPopularPizzas(timePeriod, limit)));
    }
}
