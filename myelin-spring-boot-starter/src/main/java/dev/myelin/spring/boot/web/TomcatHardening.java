package dev.myelin.spring.boot.web;

import org.apache.catalina.Host;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Myelin's settings of the embedded Tomcat: its error pages become problems
 * ({@link ProblemErrorReportValve} in place of Spring Boot's {@link ErrorReportValve}), and, when
 * bodies are read ahead ({@link BodyReadAheadFilter}), {@code 100 Continue} is sent as soon as the
 * headers are read, since no thread reads the body the way Tomcat otherwise waits for. Runs after
 * Spring Boot's own Tomcat customizer, so that its valve can be replaced.
 */
final class TomcatHardening implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final boolean problems;
    private final boolean readAhead;

    TomcatHardening(boolean problems, boolean readAhead) {
        this.problems = problems;
        this.readAhead = readAhead;
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
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
