package dev.myelin.examples.pizzeria;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real-HTTP client of the pizzeria for tests: JSON in, JSON out, optional Basic user. */
final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    Api(int port) {
        this.base = "http://localhost:" + port;
    }

    Response get(String path) {
        return send("GET", path, null, null);
    }

    Response get(String path, String user) {
        return send("GET", path, null, user);
    }

    Response post(String path, String json) {
        return send("POST", path, json, null);
    }

    Response post(String path, String json, String user) {
        return send("POST", path, json, user);
    }

    Response put(String path, String json, String user) {
        return send("PUT", path, json, user);
    }

    Response delete(String path, String user) {
        return send("DELETE", path, null, user);
    }

    Response send(String method, String path, String json, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .header("Accept", "application/json, application/problem+json");
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), body, response.body());
        } catch (IOException failure) {
            throw new IllegalStateException(method + " " + path + " failed", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", interrupted);
        }
    }

    /** A response: status, parsed JSON body (or null) and raw text. */
    record Response(int status, JsonNode json, String text) {

        String text(String field) {
            return json.path(field).asString();
        }
    }
}
