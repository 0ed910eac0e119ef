package dev.myelin.spring.boot.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page ({@code /error}, or {@code server.error.path}) as an RFC 9457
 * {@code application/problem+json} response for every client, in place of Spring Boot's
 * {@code BasicErrorController} (whose JSON is not a problem and whose HTML is not for an API). It
 * answers what reaches the error page: a {@code sendError} by a filter (Spring Security's firewall
 * refusing {@code //} or {@code ;} in a path) or an exception thrown outside Spring MVC. The detail
 * states the status in general terms; the exception and the container's message are never shown.
 */
@Controller
final class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400
                ? code : 500;
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Problems.write(response, status, Problems.detail(status), path == null ? null : path.toString(), null, null);
    }
}
