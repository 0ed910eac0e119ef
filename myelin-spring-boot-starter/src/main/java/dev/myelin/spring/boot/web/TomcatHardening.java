package dev.myelin.spring.boot.web;

import dev.myelin.spring.boot.internal.HeaderDeadlineProtocol;
import java.time.Duration;
import org.apache.catalina.Host;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.Http11NioProtocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Myelin's settings of the embedded Tomcat: its error pages become problems
 * ({@link ProblemErrorReportValve} in place of Spring Boot's {@link ErrorReportValve}), and, when
 * bodies are read ahead ({@link BodyReadAheadFilter}), {@code 100 Continue} is sent as soon as the
 * headers are read, since no thread reads the body the way Tomcat otherwise waits for; with a header
 * timeout ({@code myelin.web.slow-clients.header-timeout}, when Tomcat's default HTTP/1.1 NIO protocol is
 * in use), a connection whose request line and headers take longer than it after their first byte is
 * closed ({@link HeaderDeadlineProtocol}). Runs after Spring Boot's own Tomcat customizer, so that its
 * valve can be replaced.
 */
final class TomcatHardening implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final boolean problems;
    private final boolean readAhead;
    private final Duration headerTimeout;

    TomcatHardening(boolean problems, boolean readAhead, Duration headerTimeout) {
        this.problems = problems;
        this.readAhead = readAhead;
        this.headerTimeout = headerTimeout;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (problems) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof Host host) {
                    Pipeline pipeline = host.getPipeline();
                    for (Valve valve : pipeline.getValves()) {
                        if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                            pipeline.removeValve(valve);
                        }
                    }
                    if (host instanceof StandardHost standard) {
                        standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    }
                    pipeline.addValve(new ProblemErrorReportValve());
                }
            });
        }
        if (readAhead) {
            factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "immediately"));
        }
        if (!headerTimeout.isZero() && Http11NioProtocol.class.getName().equals(factory.getProtocol())) {
            factory.setProtocol(HeaderDeadlineProtocol.class.getName());
            factory.addProtocolHandlerCustomizers(protocol -> {
                if (protocol instanceof HeaderDeadlineProtocol deadline) {
                    deadline.setHeaderDeadline(headerTimeout.toMillis());
                }
            });
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
