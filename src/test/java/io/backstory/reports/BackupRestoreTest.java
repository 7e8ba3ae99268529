package io.backstory.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.backstory.TestDatabaseConfig;
import io.backstory.BackstoryApplication;
import io.backstory.BackstoryTest;
import io.backstory.TestSecurity;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Issue 9.8: the backup of docs/deployment.md (pg_dump -Fc) restored with pg_restore into an empty database gives
 * the same owner report, number for number. Uses the PostgreSQL client binaries on the machine; skipped, saying
 * so, where they are missing.
 */
@BackstoryTest
class BackupRestoreTest {

    @Autowired TestSecurity security;
    @Autowired RecurrenceReportService reports;

    @Test
    void shouldReproduceTheOwnerReportFromARestoredBackup() throws Exception {
        assumeTrue(onPath("pg_dump") && onPath("pg_restore") && onPath("psql"),
                "pg_dump, pg_restore or psql not on PATH: the backup/restore round trip is not tested on this machine");
        URI source = URI.create(TestDatabaseConfig.URL.substring("jdbc:".length()));
        String host = source.getHost();
        String port = Integer.toString(source.getPort() < 0 ? 5432 : source.getPort());
        String database = source.getPath().substring(1);
        String restored = database + "_restore";
        String user = TestDatabaseConfig.USER;

        security.signInAs("owner");
        String before = withoutTiming(reports.exportJson(ReportFilter.all()));
        security.signOut();

        Path dump = Files.createDirectories(Path.of("target")).resolve("backup-test.dump");
        run("pg_dump", "-h", host, "-p", port, "-U", user, "-Fc", "-f", dump.toString(), database);
        run("psql", "-h", host, "-p", port, "-U", user, "-d", "postgres", "-v", "ON_ERROR_STOP=1",
                "-c", "drop database if exists " + restored, "-c", "create database " + restored);
        run("pg_restore", "-h", host, "-p", port, "-U", user, "--no-owner", "--exit-on-error", "-d", restored, dump.toString());

        String after = reportFrom("jdbc:postgresql://" + host + ":" + port + "/" + restored, user);
        System.out.printf("backup %d bytes; owner report JSON %d characters before and %d after the restore%n",
                Files.size(dump), before.length(), after.length());
        assertThat(after).isEqualTo(before);
        assertThat(after).contains("\"verdict\"", "\"cox\"");
    }

    /** The owner report computed by a second instance of the app on the restored database (migrations validate it). */
    private static String reportFrom(String url, String user) {
        SecurityContextHolderStrategy suiteStrategy = SecurityContextHolder.getContextHolderStrategy();
        ConfigurableApplicationContext restoredApp = new SpringApplicationBuilder(BackstoryApplication.class)
                .web(WebApplicationType.SERVLET)
                // command-line arguments: they take precedence over application.properties (default properties do not)
                .run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                        "--spring.datasource.password=", "--backstory.demo.enabled=false",
                        "--backstory.security.mfa.key=w6rnPudM3Bw/tDgAC+J0DrmAWs4Cg3AjeeX3jf51vyw=");
        try {
            TestSecurity security = restoredApp.getBean(TestSecurity.class);
            security.signInAs("owner");
            try {
                return withoutTiming(restoredApp.getBean(RecurrenceReportService.class).exportJson(ReportFilter.all()));
            } finally {
                security.signOut();
            }
        } finally {
            restoredApp.close();
            SecurityContextHolder.setContextHolderStrategy(suiteStrategy);
        }
    }

    private static String withoutTiming(String json) {
        return json.replaceAll("\"timing_ms\":[0-9.eE+-]+", "\"timing_ms\":0");
    }

    private static boolean onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }

    private static void run(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", line)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", line) + "\n" + output).isZero();
    }
}
