package io.backstory.base;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * Read replicas for reports (DESIGN §7), off by default: with {@code backstory.datasource.replica.url} set, a
 * read-only transaction ({@code @Transactional(readOnly = true)}, and the owner report's computation, see
 * RecurrenceReportService) gets its connection from the replica, everything else from the primary
 * ({@code spring.datasource.*}). Spring's {@link LazyConnectionDataSourceProxy} decides when the first statement
 * runs, after the transaction has marked the connection read-only. Flyway and every write use the primary.
 * A replica lags its primary by its replication delay: a report read there may miss the last second of visits
 * (docs/deployment.md).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "backstory.datasource.replica.url")
public class ReadReplicaConfiguration {

    public static final String REPLICA_URL = "backstory.datasource.replica.url";

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource primaryDataSource(DataSourceProperties properties) {
        return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }

    @Bean
    @ConfigurationProperties("backstory.datasource.replica.hikari")
    HikariDataSource replicaDataSource(org.springframework.core.env.Environment env) {
        HikariDataSource replica = new HikariDataSource();
        replica.setJdbcUrl(env.getRequiredProperty(REPLICA_URL));
        replica.setUsername(env.getProperty("backstory.datasource.replica.username", env.getProperty("spring.datasource.username", "")));
        replica.setPassword(env.getProperty("backstory.datasource.replica.password", env.getProperty("spring.datasource.password", "")));
        replica.setReadOnly(true);
        replica.setPoolName("replica");
        return replica;
    }

    @Bean
    @Primary
    DataSource dataSource(HikariDataSource primaryDataSource, HikariDataSource replicaDataSource) {
        return routing(primaryDataSource, replicaDataSource);
    }

    /** Read-only transactions to {@code replica}, the rest to {@code primary}. */
    public static DataSource routing(DataSource primary, DataSource replica) {
        LazyConnectionDataSourceProxy proxy = new LazyConnectionDataSourceProxy(primary);
        proxy.setReadOnlyDataSource(replica);
        return proxy;
    }
}
