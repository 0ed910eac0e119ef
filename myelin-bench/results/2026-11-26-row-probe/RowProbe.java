import dev.myelin.postgres.embedded.EmbeddedPostgresServer;
import java.sql.*;
import java.util.*;

public class RowProbe {
    public static void main(String[] args) throws Exception {
        boolean sync = args.length > 0 && args[0].equals("sync");
        int n = Integer.parseInt(args.length > 1 ? args[1] : "20000");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().durable(true).start()) {
            server.createDatabase("p");
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("p"), EmbeddedPostgresServer.USER, "")) {
                Statement s = c.createStatement();
                s.execute("set synchronous_commit = " + (sync ? "on" : "off"));
                String cols = "global_position bigint generated always as identity primary key, stream_id text not null, stream_version bigint not null, event_id uuid not null, type text not null, schema_version int not null, %s, recorded_at timestamptz not null default now(), tx_id xid8 not null default pg_current_xact_id(), unique(event_id), unique(stream_id, stream_version)";
                Map<String,String> ddl = new LinkedHashMap<>();
                ddl.put("myelin", "create table myelin (" + cols.formatted("payload jsonb not null, metadata jsonb not null") + "); create index on myelin (tx_id, global_position)");
                if (false) ddl.put("noTxIdx", "create table noTxIdx (" + cols.formatted("payload jsonb not null, metadata jsonb not null") + ")");
                ddl.put("json", "create table json (" + cols.formatted("payload json not null, metadata json not null") + "); create index on json (tx_id, global_position)");
                ddl.put("text", "create table text (" + cols.formatted("payload text not null, metadata text not null") + "); create index on text (tx_id, global_position)");
                if (false) ddl.put("noEventIdx", "create table noEventIdx (" + cols.formatted("payload jsonb not null, metadata jsonb not null").replace("unique(event_id), ", "") + "); create index on noEventIdx (tx_id, global_position)");
                for (String d : ddl.values()) for (String part : d.split("; ")) s.execute(part);
                String payload = "{\"orderId\":\"" + UUID.randomUUID() + "\",\"pizzas\":[" + "{\"name\":\"Margherita\",\"size\":\"LARGE\",\"toppings\":[\"basil\",\"mozzarella\",\"tomato\"],\"price\":12.50},".repeat(3) + "{\"name\":\"x\"}],\"kitchen\":\"main\",\"bakedAt\":\"2026-11-26T10:00:00Z\",\"oven\":3,\"notes\":\"" + "n".repeat(60) + "\"}";
                String meta = "{}";
                System.out.println("payload bytes " + payload.length() + " sync " + sync);
                Map<String, List<Double>> res = new LinkedHashMap<>();
                long seq = 0;
                for (int round = 0; round < Integer.parseInt(System.getProperty("rounds","4")); round++) {
                    for (String t : ddl.keySet()) {
                        String sql = "insert into " + t + " (stream_id, stream_version, event_id, type, schema_version, payload, metadata) values (?, ?, ?, ?, ?, ?::" + (t.equals("text") ? "text" : t.equals("json") ? "json" : "jsonb") + ", ?::" + (t.equals("text") ? "text" : t.equals("json") ? "json" : "jsonb") + ")";
                        try (PreparedStatement p = c.prepareStatement(sql)) {
                            long start = System.nanoTime();
                            for (int i = 0; i < n; i++) {
                                seq++;
                                p.setString(1, "Kitchen-" + (seq / 10));
                                p.setLong(2, seq % 10 + 1);
                                p.setObject(3, new UUID((System.currentTimeMillis() << 16) | 0x7000L | (seq & 0xfff), 0x8000_0000_0000_0000L | seq));
                                p.setString(4, "PizzaBaked");
                                p.setInt(5, 1);
                                p.setString(6, payload);
                                p.setString(7, meta);
                                p.executeUpdate();
                            }
                            double us = (System.nanoTime() - start) / 1000.0 / n;
                            if (round > 0) res.computeIfAbsent(t, k -> new ArrayList<>()).add(us);
                        }
                    }
                }
                res.forEach((t, l) -> { double[] a = l.stream().mapToDouble(x -> x).sorted().toArray(); System.out.printf("%-10s mean %.2f median %.2f min %.2f max %.2f us%n", t, l.stream().mapToDouble(x -> x).average().orElse(0), a[a.length/2], a[0], a[a.length-1]); });
            }
        }
    }
}
