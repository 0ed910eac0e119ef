package dev.myelin.spring.boot.web;

import dev.myelin.core.Principal;
import dev.myelin.core.RequestContext;
import dev.myelin.core.internal.Ids;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds a {@link RequestContext} for each HTTP request, so that every command, query and event of
 * the request carries its correlation id, principal and tenant; unbinds it when the request ends.
 *
 * <ul>
 *   <li><b>Correlation id:</b> read from {@code X-Correlation-ID} (the header is configurable);
 *       a value that is absent or not 1–128 characters of letters, digits, {@code . _ : -} is
 *       replaced by a new UUID, so a client cannot inject text into logs. The id is echoed on the
 *       response in the same header.</li>
 *   <li><b>Principal:</b> with Spring Security, the authenticated {@code Authentication}'s name,
 *       and as roles its {@code ROLE_} authorities without the prefix (other authorities, such as
 *       {@code SCOPE_} ones, are not roles); anonymous callers have no principal.
 *       Without Spring Security, the servlet's user principal, with no roles.</li>
 *   <li><b>Tenant:</b> the configured tenant ({@code myelin.web.request-context.tenant}), or none.
 *       A client never chooses it: a tenant header is read only when one is configured
 *       ({@code myelin.web.request-context.tenant-header}, off by default), for a gateway that
 *       authenticates the caller and sets the header itself; a value that is not 1–128 letters, digits,
 *       {@code . _ : -} is ignored. An application whose tenant comes from the principal (a token
 *       claim) defines its own {@code RequestContextFilter} bean.</li>
 * </ul>
 *
 * <p><b>Order.</b> {@link #ORDER}: after Spring Security's filter chain (order -100), so the
 * authentication is known, and before the dispatcher servlet. Thread-safe.
 *
 * @since 0.1
 */
public class RequestContextFilter extends OncePerRequestFilter implements Ordered {

    /** Order of the filter: just after Spring Security's default filter order, -100. */
    public static final int ORDER = -90;

    /** Default header of the correlation id. */
    public static final String CORRELATION_HEADER = "X-Correlation-ID";

    /** The conventional header of the tenant; read only when configured as the tenant header. */
    public static final String TENANT_HEADER = "X-Tenant-ID";

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final boolean SECURITY_PRESENT = ClassUtils.isPresent(
            "org.springframework.security.core.context.SecurityContextHolder", RequestContextFilter.class.getClassLoader());

    private final String correlationHeader;
    private final String tenantHeader;
    private final String tenant;
    private final Function<HttpServletRequest, Principal> principals;

    /** Creates the filter with the default correlation header, no tenant header and no tenant. */
    public RequestContextFilter() {
        this(CORRELATION_HEADER, null, null);
    }

    /**
     * Creates the filter.
     *
     * @param correlationHeader the header carrying the correlation id
     * @param tenantHeader the header carrying the tenant, set by a trusted gateway; {@code null} or blank
     *     to read no tenant from requests
     * @param tenant the tenant of requests without a tenant header, or {@code null} for none
     */
    public RequestContextFilter(String correlationHeader, String tenantHeader, String tenant) {
        this.correlationHeader = Objects.requireNonNull(correlationHeader, "correlationHeader");
        this.tenantHeader = tenantHeader == null || tenantHeader.isBlank() ? null : tenantHeader;
        this.tenant = tenant == null || tenant.isBlank() ? null : tenant.strip();
        this.principals = SECURITY_PRESENT ? SecurityPrincipals::current : RequestContextFilter::servletPrincipal;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String correlationId = request.getHeader(correlationHeader);
        if (correlationId == null || !SAFE_ID.matcher(correlationId).matches()) {
            // A random (version 4) UUID from ThreadLocalRandom, not UUID.randomUUID(): a correlation id is
            // echoed to the caller and no secret, and SecureRandom cost a lock and 0.8 % of a cached read's CPU.
            correlationId = Ids.newId();
        }
        response.setHeader(correlationHeader, correlationId);
        RequestContext context = RequestContext.builder()
                .correlationId(correlationId)
                .principal(principals.apply(request))
                .tenant(tenant(request))
                .build();
        try (RequestContext.Scope scope = context.bind()) {
            chain.doFilter(request, response);
        }
    }

    private String tenant(HttpServletRequest request) {
        String sent = tenantHeader == null ? null : request.getHeader(tenantHeader);
        return sent != null && SAFE_ID.matcher(sent).matches() ? sent : tenant;
    }

    private static Principal servletPrincipal(HttpServletRequest request) {
        java.security.Principal user = request.getUserPrincipal();
        return user == null ? null : new Principal(user.getName(), Set.of());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
