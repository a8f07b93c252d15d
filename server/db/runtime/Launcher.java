import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Runs Neo4j Community embedded, reachable over Bolt on loopback only.
 *
 * Usage: java -cp 'lib/*' Launcher.java --home DIR --port N --password-file FILE
 *        [--heap-note] [--pagecache SIZE]
 *
 * Port 0 lets Neo4j bind a free port itself (no race between choosing and binding);
 * the bound port is read back from the connector register and printed on the
 * ready line that `atlas db start` waits for:
 *   ATLAS-NEO4J-READY bolt://127.0.0.1:PORT VERSION
 * The password is read from a file so it never shows in the process list.
 */
public class Launcher {
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path home = Path.of(require(opts, "home")).toAbsolutePath();
        int port = Integer.parseInt(opts.getOrDefault("port", "0"));
        String password = Files.readString(Path.of(require(opts, "password-file"))).trim();
        String pageCache = opts.getOrDefault("pagecache", "256m");

        Map<String, String> config = new LinkedHashMap<>();
        config.put("server.bolt.enabled", "true");
        config.put("server.bolt.listen_address", "127.0.0.1:" + port);
        config.put("server.bolt.advertised_address", "127.0.0.1:" + port);
        config.put("server.http.enabled", "false");
        config.put("server.https.enabled", "false");
        config.put("dbms.security.auth_enabled", "true");
        config.put("server.memory.pagecache.size", pageCache);
        config.put("dbms.usage_report.enabled", "false");
        // No backup or cluster member reads this instance's transaction logs, and recovery needs only
        // those since the last checkpoint: keep a bounded tail, not the default two days (repeated
        // imports and benchmark runs write gigabytes of them a day).
        config.put("db.tx_log.rotation.retention_policy", "256M size");

        // Written out rather than set in code so a user can read what the instance runs with.
        Path confFile = home.resolve("neo4j.conf");
        Files.createDirectories(home);
        StringBuilder conf = new StringBuilder("# Written by Launcher.java at every start\n");
        config.forEach((key, value) -> conf.append(key).append('=').append(value).append('\n'));
        Files.writeString(confFile, conf.toString());

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .loadPropertiesFromFile(confFile)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("ATLAS-NEO4J-STOPPING");
            dbms.shutdown();
        }, "atlas-neo4j-shutdown"));

        setPassword(dbms, password);

        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database("neo4j");
        var address = db.getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        String version = org.neo4j.kernel.internal.Version.getNeo4jVersion();
        System.out.println("ATLAS-NEO4J-READY bolt://127.0.0.1:" + address.getPort() + " " + version);
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Sets the neo4j user's password through the system database; a restart reuses it. */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database("system");
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            // On a restart the password is already this one, which Neo4j refuses to "change".
            String message = String.valueOf(e.getMessage());
            if (!message.contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        return opts;
    }

    private static String require(Map<String, String> opts, String name) {
        String value = opts.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }
}
