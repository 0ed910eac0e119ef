package dev.myelin.examples.pizzeria.analytics.performance;

import dev.myelin.core.Mediator;
import dev.myelin.spring.boot.web.ControllerBase;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The kitchen performance report. Knows only the mediator and the messages. */
@RestController
@RequestMapping("/api/analytics")
class KitchenPerformanceController extends ControllerBase {

    KitchenPerformanceController(Mediator mediator) {
        super(mediator);
    }

    @GetMapping("/kitchen-performance")
    ResponseEntity<KitchenPerformanceDto> performance(
            @RequestParam(name = "time_period", defaultValue = "last_7_days") String timePeriod) {
        return process(mediator().send(new GetKitchenPerformance(timePeriod)));
    }
}
