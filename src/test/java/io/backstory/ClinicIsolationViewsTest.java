package io.backstory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.provider.HasDataView;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.router.RouteData;
import io.backstory.analytics.Chronicity;
import io.backstory.analytics.Sex;
import io.backstory.base.ui.NotFoundView;
import io.backstory.patients.DischargeReason;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.patients.PatientCommand;
import io.backstory.patients.PatientService;
import io.backstory.patients.PatientSummary;
import io.backstory.reports.RecurrenceReportService;
import io.backstory.reports.ReportFilter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Multi-clinic in the views (issue 14, item 6; the services, API and exports are in {@link ClinicIsolationTests}):
 * a person of a second clinic, holding every role, opens every route the app has and finds nothing of the demo
 * clinic — no patient, therapist, location or clinic name in the page text, element properties, grid cells, or the
 * items of grids and drop-downs (also those not yet scrolled into view), and no link (href) to its patients,
 * episodes or visits — and the demo clinic's patient, episode and visit ids typed into the address bar give the
 * not-found page.
 *
 * <p>Routes are read from Vaadin's route registry, so a view added later is visited too; a new route parameter
 * makes the test fail until it is given a demo-clinic id here.
 */
@BackstoryTest
class ClinicIsolationViewsTest extends SpringBrowserlessTest {

    /** Reached before sign-in; they show no clinic's records (the welcome link's token belongs to one person). */
    private static final Set<String> SIGN_IN_ROUTES = Set.of("login", "sign-in/code", "sign-in/authenticator", "welcome/:token");
    private static final Pattern RECORD_LINK = Pattern.compile("(patients|episodes|visits|visits/new)/(\\d+)");
    private static final int ROWS_READ = 2_000;

    /** The href of every element in the last {@link #everythingShown()} (a help text may name an example address). */
    private final List<String> hrefs = new ArrayList<>();

    @Autowired TestSecurity security;
    @Autowired PatientService patients;
    @Autowired EpisodeService episodes;
    @Autowired RecurrenceReportService reports;
    @Autowired ClinicalFixture fixture;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void signOut() {
        security.signOut();
    }

    @Test
    void shouldShowASecondClinicNothingOfTheFirstInAnyView() {
        long demo = jdbc.sql("select clinic_id from user_account where username = 'owner'").query(Long.class).single();
        String second = fixture.secondClinic();
        security.signInAs(second);
        PatientSummary own = patients.create(new PatientCommand("Bea", "Secondclinic", LocalDate.of(1981, 3, 4), Sex.F, null, null, true));
        EpisodeSummary ownEpisode = fixture.episode(own, LocalDate.now().minusDays(60), Chronicity.ACUTE);
        episodes.discharge(ownEpisode.id(), LocalDate.now().minusDays(20), DischargeReason.GOALS_MET);
        reports.report(ReportFilter.all()); // computed now, so the report views render it at once (not in the background)

        Set<String> demoNames = demoNames(demo);
        Map<String, Long> demoRecord = Map.of(
                "patientId", jdbc.sql("select min(id) from patient where clinic_id = ?").param(demo).query(Long.class).single(),
                "episodeId", jdbc.sql("select min(episode_id) from visit where clinic_id = ?").param(demo).query(Long.class).single(),
                "visitId", jdbc.sql("select min(id) from visit where clinic_id = ?").param(demo).query(Long.class).single());
        // ids are per table, so a link is checked against the ids of its own kind of record
        Map<String, Set<Long>> demoIds = Map.of("patients", ids("patient", demo), "episodes", ids("episode", demo),
                "visits/new", ids("episode", demo), "visits", ids("visit", demo));
        assertThat(demoNames).hasSizeGreaterThan(10);

        List<String> visited = new ArrayList<>();
        for (RouteData route : RouteConfiguration.forApplicationScope().getAvailableRoutes()) {
            String template = route.getTemplate();
            if (SIGN_IN_ROUTES.contains(template)) {
                continue;
            }
            if (template.contains(":")) {
                String path = fillIn(template, demoRecord);
                navigate(path, NotFoundView.class);
                assertThat(getCurrentView()).as("%s with the demo clinic's id", path).isInstanceOf(NotFoundView.class);
                visited.add(path);
            } else {
                navigate(route.getNavigationTarget());
                assertThat(getCurrentView()).as(template).isNotInstanceOf(NotFoundView.class);
                visited.add("/" + template);
            }
            String shown = everythingShown();
            for (String name : demoNames) {
                assertThat(shown).as("%s shows the demo clinic's %s", visited.getLast(), name).doesNotContain(name);
            }
            Matcher links = RECORD_LINK.matcher(String.join("\n", hrefs));
            while (links.find()) {
                assertThat(demoIds.get(links.group(1))).as("%s links to the demo clinic's %s", visited.getLast(), links.group())
                        .doesNotContain(Long.parseLong(links.group(2)));
            }
        }
        assertThat(visited).contains("/patients", "/reports", "/follow-ups", "/people", "/audit", "/import", "/");

        // the same reading finds the second clinic's own records, so an empty page is not what passed the checks
        navigate(route("patients"));
        assertThat(everythingShown()).contains("Secondclinic");
        navigate("patients/" + own.id(), route("patients/:patientId"));
        assertThat(everythingShown()).contains("Bea Secondclinic");
        navigate("episodes/" + ownEpisode.id(), route("episodes/:episodeId"));
        assertThat(everythingShown()).contains("Bea Secondclinic");
    }


    /** What would give the demo clinic away: its name, its people's and patients' names, its locations. */
    private Set<String> demoNames(long demo) {
        Set<String> names = new HashSet<>();
        names.add(jdbc.sql("select name from clinic where id = ?").param(demo).query(String.class).single());
        names.addAll(jdbc.sql("select display_name from user_account where clinic_id = ?").param(demo).query(String.class).list());
        names.addAll(jdbc.sql("select name from location where clinic_id = ?").param(demo).query(String.class).list());
        names.addAll(jdbc.sql("select first_name || ' ' || last_name from patient where clinic_id = ?").param(demo).query(String.class).list());
        // "Last, First" as lists sort them
        names.addAll(jdbc.sql("select last_name || ', ' || first_name from patient where clinic_id = ?").param(demo).query(String.class).list());
        return names;
    }

    private Set<Long> ids(String table, long clinic) {
        return new HashSet<>(jdbc.sql("select id from " + table + " where clinic_id = ?").param(clinic).query(Long.class).list());
    }

    private static String fillIn(String template, Map<String, Long> ids) {
        return Pattern.compile(":(\\w+)").matcher(template).replaceAll(m -> {
            Long id = ids.get(m.group(1));
            if (id == null) {
                fail("Route %s: no demo-clinic record for :%s; add one to this test", template, m.group(1));
            }
            return id.toString();
        });
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Component> route(String template) {
        return RouteConfiguration.forApplicationScope().getAvailableRoutes().stream().filter(r -> r.getTemplate().equals(template))
                .findFirst().orElseThrow().getNavigationTarget();
    }

    /**
     * Everything the page holds for the browser: the text and every attribute and property of every element, and
     * for each grid and drop-down all of its items (their labels, grid cells and the items themselves), not only
     * the rows a browser would have fetched so far.
     */
    private String everythingShown() {
        StringBuilder out = new StringBuilder();
        hrefs.clear();
        // the route's layouts hang under the UI as a virtual child, so walk the outermost one and the UI (dialogs)
        List<HasElement> chain = UI.getCurrent().getInternals().getActiveRouterTargetsChain();
        for (Object root : List.of(chain.getLast(), UI.getCurrent())) {
            element(((HasElement) root).getElement(), out);
            if (root instanceof Component component) {
                components(component, out);
            }
        }
        return out.toString();
    }

    private void element(Element element, StringBuilder out) {
        if (element.isTextNode()) {
            out.append(element.getText()).append('\n');
            return;
        }
        element.getAttributeNames().forEach(a -> out.append(element.getAttribute(a)).append('\n'));
        if (element.hasAttribute("href")) {
            hrefs.add(element.getAttribute("href"));
        }
        element.getPropertyNames().forEach(p -> out.append(element.getProperty(p, "")).append('\n'));
        element.getChildren().forEach(child -> element(child, out));
    }

    private void components(Component component, StringBuilder out) {
        if (component instanceof HasDataView<?, ?, ?> withItems) {
            List<?> items = withItems.getGenericDataView().getItems().limit(ROWS_READ).toList();
            items.forEach(item -> out.append(item).append('\n'));
            if (component instanceof ComboBox<?> box) {
                items.forEach(item -> out.append(label(box, item)).append('\n'));
            } else if (component instanceof Select<?> select) {
                items.forEach(item -> out.append(label(select, item)).append('\n'));
            } else if (component instanceof Grid<?> grid && test(grid).isUsable()) { // a hidden grid (a chart's table view) has its items read above
                GridTester<?, ?> rows = test(grid);
                int columns = grid.getColumns().size();
                for (int row = 0; row < Math.min(rows.size(), ROWS_READ); row++) {
                    for (int column = 0; column < columns; column++) {
                        try {
                            out.append(rows.getCellText(row, column)).append('\n');
                        } catch (IllegalArgumentException notText) { // a component column
                            element(rows.getCellComponent(row, column).getElement(), out);
                        }
                    }
                }
            }
        }
        component.getChildren().collect(Collectors.toList()).forEach(child -> components(child, out));
    }

    @SuppressWarnings("unchecked")
    private static <T> String label(ComboBox<T> box, Object item) {
        return box.getItemLabelGenerator().apply((T) item);
    }

    @SuppressWarnings("unchecked")
    private static <T> String label(Select<T> select, Object item) {
        return select.getItemLabelGenerator() == null ? String.valueOf(item) : select.getItemLabelGenerator().apply((T) item);
    }
}
