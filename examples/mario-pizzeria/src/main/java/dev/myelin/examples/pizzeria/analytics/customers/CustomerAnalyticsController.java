package dev.myelin.examples.pizzeria.analytics.customers;

import dev.myelin.core.Mediator;
import dev.myelin.spring.boot.web.ControllerBase;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The customer analytics report. Knows only the mediator and the messages. */
@RestController
@RequestMapping("/api/analytics")
class CustomerAnalyticsController extends ControllerBase {

    CustomerAnalyticsController(Mediator mediator) {
        super(mediator);
    }

    @GetMapping("/customers")
    ResponseEntity<CustomerAnalyticsDto> customers(
            @RequestParam(name = "time_period", defaultValue = "last_30_days") String timePeriod) {
        return process(mediator().send(new GetCustomerAnalytics(timePeriod)));
    }
}
