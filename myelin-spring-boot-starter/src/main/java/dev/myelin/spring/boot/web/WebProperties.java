package dev.myelin.spring.boot.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of Myelin's Spring MVC support, under {@code myelin.web}.
 *
 * @since 0.1
 */
@ConfigurationProperties("myelin.web")
public class WebProperties {

    /** Request context bound for each HTTP request. */
    private final Context requestContext = new Context();

    /** Problem responses for bad input and unexpected exceptions. */
    private final Problems problems = new Problems();

    /** Defense against clients that send their requests slowly. */
    private final SlowClients slowClients = new SlowClients();

    /**
     * Whether the JSON mapper refuses scalar coercion (a number for a string, a string for a number or
     * boolean, a float for an integer), duplicate keys and enum names in another case.
     */
    private boolean strictJson = true;

    /**
     * Returns the request context settings.
     *
     * @return the settings
     */
    public Context getRequestContext() {
        return requestContext;
    }

    /**
     * Returns the problem response settings.
     *
     * @return the settings
     */
    public Problems getProblems() {
        return problems;
    }

    /**
     * Returns the slow-client settings.
     *
     * @return the settings
     */
    public SlowClients getSlowClients() {
        return slowClients;
    }

    /**
     * Returns whether the JSON mapper is strict.
     *
     * @return whether coercion, duplicate keys and enum names in another case are refused
     */
    public boolean isStrictJson() {
        return strictJson;
    }

    /**
     * Sets whether the JSON mapper is strict.
     *
     * @param strictJson whether coercion, duplicate keys and enum names in another case are refused
     */
    public void setStrictJson(boolean strictJson) {
        this.strictJson = strictJson;
    }

    /**
     * Slow-client settings.
     *
     * @since 0.1
     */
    public static class SlowClients {

        /** Whether to read request bodies ahead, without holding a thread while their bytes arrive. */
        private boolean enabled = true;

        /** Longest time to receive a request body once its headers are read, a {@code Duration}; slower bodies get 408. */
        private java.time.Duration bodyTimeout = java.time.Duration.ofSeconds(20);

        /**
         * Longest time to receive a request's line and headers from their first byte, a {@code Duration};
         * a slower connection is closed (Tomcat's HTTP/1.1 NIO connector). 0 for no deadline, leaving only
         * Tomcat's per-read {@code server.tomcat.connection-timeout}.
         */
        private java.time.Duration headerTimeout = java.time.Duration.ofSeconds(10);

        /**
         * Returns whether request bodies are read ahead.
         *
         * @return whether the filter is registered
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether request bodies are read ahead.
         *
         * @param enabled whether the filter is registered
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Returns the longest time to receive a request body.
         *
         * @return the timeout
         */
        public java.time.Duration getBodyTimeout() {
            return bodyTimeout;
        }

        /**
         * Sets the longest time to receive a request body.
         *
         * @param bodyTimeout the timeout
         */
        public void setBodyTimeout(java.time.Duration bodyTimeout) {
            this.bodyTimeout = bodyTimeout;
        }

        /**
         * Returns the longest time to receive a request's line and headers.
         *
         * @return the timeout, zero for none
         */
        public java.time.Duration getHeaderTimeout() {
            return headerTimeout;
        }

        /**
         * Sets the longest time to receive a request's line and headers.
         *
         * @param headerTimeout the timeout, zero for none
         */
        public void setHeaderTimeout(java.time.Duration headerTimeout) {
            this.headerTimeout = headerTimeout;
        }
    }

    /**
     * Request context settings.
     *
     * @since 0.1
     */
    public static class Context {

        /** Whether to bind a request context (correlation id, principal, tenant) for each HTTP request. */
        private boolean enabled = true;

        /** Header that carries the correlation id in requests and responses. */
        private String correlationHeader = "X-Correlation-ID";

        /**
         * Header that carries the tenant of a request, set by a trusted gateway; empty (the default): no
         * tenant is read from requests, so a client cannot choose one.
         */
        private String tenantHeader = "";

        /** Tenant of every request (without a configured tenant header's value); empty for none. */
        private String tenant = "";

        /**
         * Returns whether to bind a request context for each HTTP request.
         *
         * @return whether the filter is registered
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether to bind a request context for each HTTP request.
         *
         * @param enabled whether the filter is registered
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Returns the header that carries the correlation id.
         *
         * @return the header name
         */
        public String getCorrelationHeader() {
            return correlationHeader;
        }

        /**
         * Sets the header that carries the correlation id.
         *
         * @param correlationHeader the header name
         */
        public void setCorrelationHeader(String correlationHeader) {
            this.correlationHeader = correlationHeader;
        }

        /**
         * Returns the header that carries the tenant.
         *
         * @return the header name
         */
        public String getTenantHeader() {
            return tenantHeader;
        }

        /**
         * Sets the header that carries the tenant.
         *
         * @param tenantHeader the header name, or empty for none
         */
        public void setTenantHeader(String tenantHeader) {
            this.tenantHeader = tenantHeader;
        }

        /**
         * Returns the tenant of every request.
         *
         * @return the tenant, or empty for none
         */
        public String getTenant() {
            return tenant;
        }

        /**
         * Sets the tenant of every request.
         *
         * @param tenant the tenant, or empty for none
         */
        public void setTenant(String tenant) {
            this.tenant = tenant;
        }
    }

    /**
     * Problem response settings.
     *
     * @since 0.1
     */
    public static class Problems {

        /** Whether to answer bad input and unexpected exceptions with problem responses. */
        private boolean enabled = true;

        /** Largest request body accepted, a {@code DataSize} in bytes or any unit; larger ones get 413. */
        private DataSize maxBodySize = DataSize.ofKilobytes(256);

        /** Naming of the field keys in {@code errors} for {@code @Valid} failures: snake_case or identity. */
        private Naming fieldNaming = Naming.SNAKE_CASE;

        /**
         * Returns whether to answer bad input and unexpected exceptions with problems.
         *
         * @return whether the advice is registered
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether to answer bad input and unexpected exceptions with problems.
         *
         * @param enabled whether the advice is registered
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Returns the largest request body accepted.
         *
         * @return the limit
         */
        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        /**
         * Sets the largest request body accepted.
         *
         * @param maxBodySize the limit
         */
        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }

        /**
         * Returns the naming of field keys.
         *
         * @return the naming
         */
        public Naming getFieldNaming() {
            return fieldNaming;
        }

        /**
         * Sets the naming of field keys.
         *
         * @param fieldNaming the naming
         */
        public void setFieldNaming(Naming fieldNaming) {
            this.fieldNaming = fieldNaming;
        }
    }

    /**
     * How Java property names become field keys.
     *
     * @since 0.1
     */
    public enum Naming {
        /** {@code pizzaItems[0].pizzaId} becomes {@code pizza_items[0].pizza_id}. */
        SNAKE_CASE,
        /** Java names are kept. */
        IDENTITY
    }
}
