package dev.myelin.examples.pizzeria.web;

import static dev.myelin.examples.pizzeria.testsupport.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property-based fuzzing of every operation of the pizzeria's OpenAPI document ({@code /v3/api-docs}):
 * each try picks an operation and sends it with one hostile part, generated from the operation's
 * parameters and body schema (a NUL or another hostile string, a value of the wrong type, an enum in
 * another case, a duplicate key, a missing or malformed body, a content type or {@code Accept} nobody
 * serves, a bad or missing credential). The properties, checked for every try:
 *
 * <ul>
 *   <li>never a 500 (nor any 5xx but a 503 problem);</li>
 *   <li>every refusal is an {@code application/problem+json} whose {@code status} is the response's;</li>
 *   <li>a refusal of input that is invalid as JSON or as a parameter names the field in {@code errors};</li>
 *   <li>no order is stored unless the try placed one (201), and a placed order is whole: its status
 *       and its detail are readable.</li>
 * </ul>
 *
 * <p>Runs in a context of its own (its own database): the tries change the menu and place orders.
 * Seeded and bounded: {@code -Dpizzeria.fuzz.tries} (120 in the normal build, seconds) and
 * {@code -Dpizzeria.fuzz.seed} (fixed by default; {@code random} for a new one, printed). The long run:
 * {@code ./mvnw -pl examples/mario-pizzeria -am verify -Pfuzz -Dtest=OpenApiFuzzHttpTest
 * -Dsurefire.failIfNoSpecifiedTests=false}. A failure names the seed, the try and the request.
 */
class OpenApiFuzzHttpTest extends PizzeriaHttpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NUL = "\u0000";
    private static final List<String> HOSTILE_STRINGS = List.of(NUL, "pizza" + NUL, "' OR '1'='1' --",
            "Robert'); DROP TABLE orders; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "../../etc/passwd",
            "%00", "%2F", "\u202e\ud83c\udf55", "\ud800", "\\", "", " ", "null", "x".repeat(5000), "\r\nX-Evil: 1");
    private static final List<JsonNode> WRONG_TYPES = List.of(JsonNodeFactory.instance.numberNode(123),
            JsonNodeFactory.instance.numberNode(-1), JsonNodeFactory.instance.numberNode(1.5e308),
            JsonNodeFactory.instance.booleanNode(true), JsonNodeFactory.instance.arrayNode(),
            JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.numberNode(new java.math.BigInteger(
                    "99999999999999999999999")));
    private static final List<String> CONTENT_TYPES = List.of("*/*", "application/*", "text/plain", "application/xml",
            "application/json; charset=klingon", "application/x-www-form-urlencoded", "json", ";;");
    private static final List<String> ACCEPTS = List.of("application/xml", "text/html", "image/png", "*/*", ";;",
            "application/json;q=0");

    @Test
    void hostileRequestsToEveryOperationAreRefusedAsProblemsAndStoreNoPartialOrder() {
        int tries = Integer.getInteger("pizzeria.fuzz.tries", 120);
        String seedProperty = System.getProperty("pizzeria.fuzz.seed", "20261206");
        long seed = "random".equals(seedProperty) ? new Random().nextLong() : Long.parseLong(seedProperty);
        System.out.println("OpenApiFuzzHttpTest: seed " + seed + ", " + tries + " tries");
        Random random = new Random(seed);

        List<Operation> operations = Operation.all(http.get("/v3/api-docs").json());
        assertThat(operations).as("operations in /v3/api-docs").hasSizeGreaterThanOrEqualTo(20);
        Http.Response placed = place(GUEST_ORDER);
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        String orderId = placed.json().path("order_id").asString();
        boolean[] jsonClean = new boolean[operations.size()];
        for (int i = 0; i < operations.size(); i++) {
            jsonClean[i] = operations.get(i).body() != null && isJsonClean(operations.get(i), orderId);
        }
        long orders = orderCount();
        java.util.SortedMap<Integer, Integer> statuses = new java.util.TreeMap<>();
        int namedChecks = 0;

        for (int i = 0; i < tries; i++) {
            int index = random.nextInt(operations.size());
            Operation operation = operations.get(index);
            Attack attack = Attack.of(operation, random, orderId);
            Http.Response response;
            try {
                response = http.exchange(attack.request(http.base()));
            } catch (IllegalArgumentException notSendable) {
                continue; // the client refuses to send it (a header with a line break): nothing reached the server
            }
            String where = "seed " + seed + ", try " + i + ": " + attack + " -> " + response.status() + " "
                    + response.text();
            statuses.merge(response.status(), 1, Integer::sum);
            assertThat(response.status()).as(where).isLessThan(500).isNotEqualTo(0);
            if (response.status() >= 400) {
                assertThat(response.isProblem(response.status())).as(where).isTrue();
            }
            if (response.status() == 400 && attack.namedField() != null && (attack.inQuery() || jsonClean[index])) {
                assertThat(response.json().path("errors").has(attack.namedField())).as(where).isTrue();
                namedChecks++;
            }
            if (attack.placesOrder() && response.status() == 201) {
                orders++;
                String placedId = response.json().path("order_id").asString();
                assertThat(http.get("/api/orders/" + placedId + "/status").status()).as(where).isEqualTo(200);
                assertThat(http.get("/api/orders/" + placedId, "manager").status()).as(where).isEqualTo(200);
            }
            assertThat(orderCount()).as(where).isEqualTo(orders);
        }
        System.out.println("OpenApiFuzzHttpTest: " + operations.size() + " operations, statuses " + statuses + ", "
                + namedChecks + " refusals checked for the field they name, " + orders + " orders stored");
    }

    /**
     * Whether the operation's unchanged body is read without a JSON-level refusal: only then must a
     * refusal of one hostile field name that field (Jackson stops at the first bad field).
     */
    private boolean isJsonClean(Operation operation, String orderId) {
        Attack plain = Attack.of(operation, new Random(0) {
            @Override
            public int nextInt(int bound) {
                return 0;
            }
        }, orderId);
        Http.Response response = http.exchange(plain.request(http.base()));
        String detail = response.status() == 400 ? response.json().path("detail").asString("") : "";
        return !(detail.startsWith("Field '") || detail.startsWith("Unknown field") || detail.startsWith("Malformed")
                || detail.startsWith("Request body"));
    }

    private long orderCount() {
        Http.Response page = http.send("GET", "/api/orders?page_size=1", null, basic("manager"));
        assertThat(page.status()).isEqualTo(200);
        return page.json().path("total_items").asLong();
    }

    /** One operation of the OpenAPI document: its method, path, parameters and body schema. */
    record Operation(String method, String path, List<Parameter> parameters, JsonNode body) {

        static List<Operation> all(JsonNode api) {
            List<Operation> operations = new ArrayList<>();
            for (Map.Entry<String, JsonNode> path : api.path("paths").properties()) {
                for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                    List<Parameter> parameters = new ArrayList<>();
                    for (JsonNode parameter : method.getValue().path("parameters")) {
                        parameters.add(new Parameter(parameter.path("name").asString(), parameter.path("in").asString(),
                                resolve(api, parameter.path("schema"))));
                    }
                    JsonNode content = method.getValue().path("requestBody").path("content");
                    JsonNode schema = content.isObject() && content.size() > 0
                            ? resolve(api, content.properties().iterator().next().getValue().path("schema")) : null;
                    JsonNode body = schema == null ? null
                            : "POST".equalsIgnoreCase(method.getKey()) && path.getKey().equals("/api/orders")
                                    ? JSON.readTree(GUEST_ORDER) : example(api, schema, 0);
                    operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), parameters, body));
                }
            }
            return operations;
        }

        private static JsonNode resolve(JsonNode api, JsonNode schema) {
            String ref = schema.path("$ref").asString("");
            return ref.startsWith("#/components/schemas/")
                    ? api.path("components").path("schemas").path(ref.substring("#/components/schemas/".length())) : schema;
        }

        /** A value of the schema: the first enum value, or a plain value of its type. */
        private static JsonNode example(JsonNode api, JsonNode schema, int depth) {
            JsonNode resolved = resolve(api, schema);
            if (resolved.path("enum").size() > 0) {
                return resolved.path("enum").get(0);
            }
            switch (resolved.path("type").asString("object")) {
                case "string":
                    return JsonNodeFactory.instance.stringNode("margherita");
                case "integer":
                    return JsonNodeFactory.instance.numberNode(10);
                case "number":
                    return JsonNodeFactory.instance.numberNode(new java.math.BigDecimal("9.50"));
                case "boolean":
                    return JsonNodeFactory.instance.booleanNode(false);
                case "array":
                    ArrayNode array = JsonNodeFactory.instance.arrayNode();
                    if (depth < 4) {
                        array.add(example(api, resolved.path("items"), depth + 1));
                    }
                    return array;
                default:
                    ObjectNode object = JsonNodeFactory.instance.objectNode();
                    if (depth < 4) {
                        for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
                            object.set(property.getKey(), example(api, property.getValue(), depth + 1));
                        }
                    }
                    return object;
            }
        }
    }

    /** A parameter: its name, where it goes ({@code path}, {@code query}, {@code header}) and its schema. */
    record Parameter(String name, String in, JsonNode schema) {

        boolean isNumber() {
            String type = schema.path("type").asString("");
            return type.equals("integer") || type.equals("number");
        }
    }

    /**
     * A request with one hostile part.
     *
     * @param method the method
     * @param path the path with its query, encoded
     * @param body the body text, or {@code null}
     * @param headers header name and value pairs
     * @param kind what is hostile, for the failure message
     * @param namedField the field a 400 must name, or {@code null}
     * @param placesOrder whether the request places an order when it succeeds
     * @param inQuery whether the hostile part is a query parameter
     */
    record Attack(String method, String path, String body, List<String> headers, String kind, String namedField,
            boolean placesOrder, boolean inQuery) {

        static Attack of(Operation operation, Random random, String orderId) {
            Map<String, String> values = new java.util.LinkedHashMap<>();
            for (Parameter parameter : operation.parameters()) {
                // An existing order; a pizza that does not exist, so that no try removes one the orders need.
                values.put(parameter.name(), parameter.isNumber() ? "1"
                        : parameter.name().toLowerCase(Locale.ROOT).contains("order") ? orderId : "fuzz-pizza");
            }
            JsonNode body = operation.body() == null ? null : operation.body().deepCopy();
            String bodyText = body == null ? null : body.toString();
            List<String> headers = new ArrayList<>(List.of("Authorization", basic("manager"),
                    "Accept", "application/json, application/problem+json"));
            if (body != null) {
                headers.addAll(List.of("Content-Type", "application/json"));
            }
            String kind;
            String named = null;
            boolean inQuery = false;
            int choice = random.nextInt(operation.parameters().isEmpty() ? 8 : 10);
            if (choice >= 8) {
                Parameter parameter = operation.parameters().get(random.nextInt(operation.parameters().size()));
                boolean wrongType = parameter.isNumber() && random.nextBoolean();
                String value = wrongType ? pick(random, List.of("abc", "1.5", "99999999999999999999", "-"))
                        : pick(random, HOSTILE_STRINGS);
                values.put(parameter.name(), value);
                kind = parameter.in() + " parameter " + parameter.name() + " = " + printable(value);
                inQuery = parameter.in().equals("query");
                if (inQuery && (wrongType || value.contains(NUL))) {
                    named = parameter.name();
                }
            } else if (choice >= 5 && body instanceof ObjectNode object) {
                List<String> paths = new ArrayList<>();
                leaves(object, "", paths);
                String target = paths.isEmpty() ? null : paths.get(random.nextInt(paths.size()));
                int how = target == null ? 4 : random.nextInt(5);
                if (how == 0) {
                    String value = pick(random, HOSTILE_STRINGS);
                    set(object, target, JsonNodeFactory.instance.stringNode(value));
                    bodyText = object.toString();
                    kind = "body " + target + " = " + printable(value);
                    named = value.contains(NUL) ? target : null;
                } else if (how == 1) {
                    JsonNode value = pick(random, WRONG_TYPES);
                    JsonNode old = get(object, target);
                    set(object, target, value);
                    bodyText = object.toString();
                    kind = "body " + target + " = " + value;
                    named = wrongType(old, value) ? target : null;
                } else if (how == 2) {
                    JsonNode old = get(object, target);
                    if (old.isString() && !old.asString().equals(old.asString().toUpperCase(Locale.ROOT))) {
                        set(object, target, JsonNodeFactory.instance.stringNode(old.asString().toUpperCase(Locale.ROOT)));
                        bodyText = object.toString();
                        kind = "body " + target + " in upper case";
                    } else {
                        kind = "body unchanged";
                    }
                } else if (how == 3 && !target.endsWith("]")) {
                    bodyText = duplicate(object, target);
                    kind = "body with " + target + " twice";
                    named = target;
                } else if (how == 3) {
                    kind = "body unchanged";
                } else {
                    bodyText = pick(random, List.of("", "{", "[]", "null", "\"text\"", "{\"a\":1}}", "[".repeat(3000),
                            "\u00ff\u00fe"));
                    kind = "body " + printable(bodyText.length() > 40 ? bodyText.substring(0, 40) + "..." : bodyText);
                }
            } else if (choice >= 3) {
                int header = random.nextInt(4);
                if (header == 0) {
                    String type = pick(random, CONTENT_TYPES);
                    replace(headers, "Content-Type", type);
                    if (bodyText == null) {
                        bodyText = "{}";
                    }
                    kind = "Content-Type " + type;
                } else if (header == 1) {
                    String accept = pick(random, ACCEPTS);
                    replace(headers, "Accept", accept);
                    kind = "Accept " + accept;
                } else if (header == 2) {
                    String credential = pick(random, List.of("", "Basic " + "x".repeat(20), basic("fuzz-nobody", "wrong"),
                            basic("nobody"), "Bearer abc.def.ghi", "Basic " + basic("customer").substring(6)));
                    replace(headers, "Authorization", credential);
                    kind = "Authorization " + credential;
                } else {
                    String tenant = pick(random, HOSTILE_STRINGS);
                    headers.addAll(List.of(random.nextBoolean() ? "X-Tenant-ID" : "X-Correlation-ID", tenant));
                    kind = "header " + printable(tenant);
                }
            } else {
                kind = "valid";
            }
            String path = operation.path();
            StringBuilder query = new StringBuilder();
            for (Parameter parameter : operation.parameters()) {
                String encoded = URLEncoder.encode(values.get(parameter.name()), StandardCharsets.UTF_8).replace("+", "%20");
                if (parameter.in().equals("path")) {
                    path = path.replace("{" + parameter.name() + "}", encoded);
                } else if (parameter.in().equals("query")) {
                    query.append(query.length() == 0 ? "?" : "&").append(parameter.name()).append('=').append(encoded);
                }
            }
            boolean placesOrder = operation.method().equals("POST") && operation.path().equals("/api/orders");
            return new Attack(operation.method(), path + query, bodyText, headers, kind, named, placesOrder, inQuery);
        }

        HttpRequest request(String base) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            for (int i = 0; i < headers.size(); i += 2) {
                if (!headers.get(i + 1).isEmpty()) {
                    request.header(headers.get(i), headers.get(i + 1));
                }
            }
            return request.build();
        }

        @Override
        public String toString() {
            return method + " " + path + " [" + kind + "]" + (body == null ? "" : " "
                    + printable(body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }

        private static boolean wrongType(JsonNode old, JsonNode value) {
            if (old.isString()) {
                return !value.isString();
            }
            if (old.isIntegralNumber()) {
                return !value.isIntegralNumber() || value.isBigInteger();
            }
            if (old.isNumber()) {
                return !value.isNumber();
            }
            if (old.isBoolean()) {
                return !value.isBoolean();
            }
            if (old.isArray()) {
                return !value.isArray();
            }
            return false;
        }

        private static void replace(List<String> headers, String name, String value) {
            for (int i = 0; i < headers.size(); i += 2) {
                if (headers.get(i).equals(name)) {
                    headers.set(i + 1, value);
                    return;
                }
            }
            headers.addAll(List.of(name, value));
        }

        private static <T> T pick(Random random, List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        private static String printable(String text) {
            return text.replace(NUL, "\\u0000").replace("\r", "\\r").replace("\n", "\\n");
        }

        /** The paths of the body's scalars and arrays: {@code pizza_items[0].size}. */
        private static void leaves(JsonNode node, String at, List<String> paths) {
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    leaves(field.getValue(), at.isEmpty() ? field.getKey() : at + "." + field.getKey(), paths);
                }
            } else if (node.isArray()) {
                paths.add(at);
                if (node.size() > 0) {
                    leaves(node.get(0), at + "[0]", paths);
                }
            } else {
                paths.add(at);
            }
        }

        private static JsonNode get(JsonNode root, String path) {
            JsonNode node = root;
            for (String segment : segments(path)) {
                node = segment.startsWith("[") ? node.get(Integer.parseInt(segment.substring(1, segment.length() - 1)))
                        : node.get(segment);
            }
            return node;
        }

        private static void set(JsonNode root, String path, JsonNode value) {
            List<String> segments = segments(path);
            JsonNode parent = root;
            for (String segment : segments.subList(0, segments.size() - 1)) {
                parent = segment.startsWith("[") ? parent.get(Integer.parseInt(segment.substring(1, segment.length() - 1)))
                        : parent.get(segment);
            }
            String last = segments.get(segments.size() - 1);
            if (last.startsWith("[")) {
                ((ArrayNode) parent).set(Integer.parseInt(last.substring(1, last.length() - 1)), value);
            } else {
                ((ObjectNode) parent).set(last, value);
            }
        }

        private static List<String> segments(String path) {
            List<String> segments = new ArrayList<>();
            for (String dotted : path.split("\\.")) {
                int bracket = dotted.indexOf('[');
                segments.add(bracket < 0 ? dotted : dotted.substring(0, bracket));
                while (bracket >= 0) {
                    int close = dotted.indexOf(']', bracket);
                    segments.add(dotted.substring(bracket, close + 1));
                    bracket = dotted.indexOf('[', close);
                }
            }
            return segments;
        }

        /** The body as text with the member at {@code path} written twice (an array is left as it is). */
        private static String duplicate(JsonNode node, String path) {
            return write(node, "", path);
        }

        private static String write(JsonNode node, String at, String duplicated) {
            if (node.isObject()) {
                StringBuilder text = new StringBuilder("{");
                Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String here = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
                    String member = JsonNodeFactory.instance.stringNode(field.getKey()) + ":"
                            + write(field.getValue(), here, duplicated);
                    text.append(member);
                    if (here.equals(duplicated)) {
                        text.append(',').append(member);
                    }
                    text.append(fields.hasNext() ? "," : "");
                }
                return text.append('}').toString();
            }
            if (node.isArray()) {
                StringBuilder text = new StringBuilder("[");
                for (int i = 0; i < node.size(); i++) {
                    text.append(i == 0 ? "" : ",").append(write(node.get(i), at + "[" + i + "]", duplicated));
                }
                return text.append(']').toString();
            }
            return node.toString();
        }
    }
}
