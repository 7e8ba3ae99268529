package io.backstory;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.server.PWA;
import com.vaadin.flow.theme.lumo.Lumo;
import com.vaadin.flow.component.dependency.StyleSheet;
import io.backstory.analytics.AnalyzeCommand;
import java.time.Clock;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles.css")
@Meta(name = "viewport", content = "width=device-width, initial-scale=1")
public class BackstoryApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        // `java -jar backstory.jar analyze ...` runs the analysis engine alone: no database, no web server.
        if (args.length > 0 && args[0].equals("analyze")) {
            System.exit(AnalyzeCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(BackstoryApplication.class, args);
    }

    /** Every "today" in the app comes from here, so tests and the demo generator can pin the date. */
    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
