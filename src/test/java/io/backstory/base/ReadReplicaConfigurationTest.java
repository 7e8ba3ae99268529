package io.backstory.base;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Two databases, each knowing its own name, tell which one a transaction was sent to. */
class ReadReplicaConfigurationTest {

    private static final String PRIMARY = "jdbc:h2:mem:primary;DB_CLOSE_DELAY=-1";
    private static final String REPLICA = "jdbc:h2:mem:replica;DB_CLOSE_DELAY=-1";

    private HikariDataSource primary;
    private HikariDataSource replica;

    @BeforeEach
    void twoDatabases() {
        primary = database(PRIMARY, "primary");
        replica = database(REPLICA, "replica");
    }

    @AfterEach
    void close() {
        primary.close();
        replica.close();
    }

    @Test
    void shouldSendReadOnlyTransactionsToTheReplicaAndEverythingElseToThePrimary() {
        DataSource routing = ReadReplicaConfiguration.routing(primary, replica);
        JdbcTemplate jdbc = new JdbcTemplate(routing);
        TransactionTemplate readWrite = new TransactionTemplate(new DataSourceTransactionManager(routing));
        TransactionTemplate readOnly = new TransactionTemplate(new DataSourceTransactionManager(routing));
        readOnly.setReadOnly(true);

        assertThat(name(readOnly, jdbc)).isEqualTo("replica");
        assertThat(name(readWrite, jdbc)).isEqualTo("primary");
        assertThat(jdbc.queryForObject("select name from node", String.class)).isEqualTo("primary");
        readWrite.executeWithoutResult(s -> jdbc.update("insert into node (name) values ('written')"));
        assertThat(new JdbcTemplate(primary).queryForObject("select count(*) from node", Integer.class)).isEqualTo(2);
        assertThat(new JdbcTemplate(replica).queryForObject("select count(*) from node", Integer.class)).isEqualTo(1);
    }

    @Test
    void shouldStayOffUnlessAReplicaIsConfigured() {
        ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(ReadReplicaConfiguration.class, Properties.class);
        runner.run(context -> assertThat(context).doesNotHaveBean(DataSource.class));
        runner.withPropertyValues("spring.datasource.url=" + PRIMARY, "backstory.datasource.replica.url=" + REPLICA,
                        "spring.datasource.username=sa", "backstory.datasource.replica.username=sa")
                .run(context -> {
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    TransactionTemplate readOnly = new TransactionTemplate(new DataSourceTransactionManager(context.getBean(DataSource.class)));
                    readOnly.setReadOnly(true);
                    assertThat(name(readOnly, jdbc)).isEqualTo("replica");
                    assertThat(jdbc.queryForObject("select name from node", String.class)).isEqualTo("primary");
                });
    }

    private static String name(TransactionTemplate transaction, JdbcTemplate jdbc) {
        return transaction.execute(s -> jdbc.queryForObject("select name from node", String.class));
    }

    @EnableConfigurationProperties(DataSourceProperties.class)
    static class Properties {
    }

    private static HikariDataSource database(String url, String name) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setUsername("sa");
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        jdbc.execute("drop table if exists node");
        jdbc.execute("create table node (name varchar(20))");
        jdbc.update("insert into node (name) values (?)", name);
        return ds;
    }
}
