package dev.myelin.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.core.Principal;
import dev.myelin.core.RequestContext;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

class RequestContextFilterTest {

    private final RequestContextFilter filter = new RequestContextFilter();
    private final AtomicReference<RequestContext> seen = new AtomicReference<>();

    @AfterEach
    void clearSecurityContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void principalAndRolesComeFromSpringSecurityWithoutTheRolePrefix() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("luigi",
                null, AuthorityUtils.createAuthorityList("ROLE_chef", "ROLE_manager", "SCOPE_menu.read")));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/orders/o-1/cook");
        request.addHeader("X-Tenant-ID", "napoli");
        request.addHeader("X-Correlation-ID", "c-1");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, (req, res) -> seen.set(RequestContext.current()));

        RequestContext context = seen.get();
        assertThat(context.principal()).contains(new Principal("luigi", java.util.Set.of("chef", "manager")));
        assertThat(context.tenant()).as("a client's tenant header is not trusted by default").isEmpty();
        assertThat(context.correlationId()).contains("c-1");
        assertThat(response.getHeader("X-Correlation-ID")).isEqualTo("c-1");
        assertThat(RequestContext.current().isEmpty()).as("unbound after the request").isTrue();
    }

    @Test
    void anonymousCallerHasNoPrincipalAndGetsAGeneratedCorrelationId() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
                List.copyOf(AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))));
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("GET", "/api/menu"), response,
                (req, res) -> seen.set(RequestContext.current()));

        assertThat(seen.get().principal()).isEmpty();
        assertThat(seen.get().tenant()).isEmpty();
        assertThat(seen.get().correlationId()).contains(response.getHeader("X-Correlation-ID"));
        UUID generated = UUID.fromString(response.getHeader("X-Correlation-ID"));
        assertThat(generated.version()).isEqualTo(4);
        assertThat(generated.variant()).isEqualTo(2);
        MockHttpServletResponse next = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/api/menu"), next, (req, res) -> { });
        assertThat(next.getHeader("X-Correlation-ID")).isNotEqualTo(response.getHeader("X-Correlation-ID"));
    }

    @Test
    void theTenantComesFromConfigurationOrAConfiguredGatewayHeaderWithASafeValue() throws Exception {
        RequestContextFilter configured = new RequestContextFilter(RequestContextFilter.CORRELATION_HEADER, null, "napoli");
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/menu");
        request.addHeader("X-Tenant-ID", "roma");
        configured.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.set(RequestContext.current()));
        assertThat(seen.get().tenant()).contains("napoli");

        RequestContextFilter gateway = new RequestContextFilter(RequestContextFilter.CORRELATION_HEADER, "X-Tenant-ID",
                "napoli");
        gateway.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.set(RequestContext.current()));
        assertThat(seen.get().tenant()).contains("roma");

        MockHttpServletRequest unsafe = new MockHttpServletRequest("GET", "/api/menu");
        unsafe.addHeader("X-Tenant-ID", "roma\n\"admin\"");
        gateway.doFilter(unsafe, new MockHttpServletResponse(), (req, res) -> seen.set(RequestContext.current()));
        assertThat(seen.get().tenant()).contains("napoli");
    }
}
