package io.backstory;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Each run starts from an empty schema, so the migrations are exercised exactly as on a new database. */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfig {

    /**
     * The test database, from the variables application-test.properties reads, for the tests that open
     * connections or start contexts of their own (another schema, a proxy, pg_dump).
     */
    public static final String URL = System.getenv().getOrDefault("BACKSTORY_TEST_DB_URL", "jdbc:postgresql://localhost:5432/test");
    public static final String USER = System.getenv().getOrDefault("BACKSTORY_TEST_DB_USER", "postgres");
    public static final String PASSWORD = System.getenv().getOrDefault("BACKSTORY_TEST_DB_PASSWORD", "");

    /** The test database's URL with this schema as the connection's current one. */
    public static String urlInSchema(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Bean
    FlywayMigrationStrategy cleanThenMigrate() {
        return flyway -> {
            flyway.clean();
            flyway.migrate();
        };
    }
}
