package dev.myelin.spring.boot.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report valve, writing {@code application/problem+json} instead of an HTML page: it
 * answers the errors that Tomcat raises before a request reaches the application (a {@code %2F} or
 * {@code %00} in the path, headers over the size limit, an unknown host) and any error response left
 * without a body. The detail states the status in general terms and never Tomcat's message or a stack trace.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String path = request.getRequestURI();
        byte[] body = Problems.json(status, Problems.detail(status), path, Map.of());
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            Writer writer = response.getReporter();
            if (writer != null) {
                // ASCII only (see Problems.json), so the response's encoding cannot change it.
                writer.write(new String(body, StandardCharsets.US_ASCII));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException failure) {
            // The client is gone or the response cannot be written: nothing more to do.
        }
    }
}
