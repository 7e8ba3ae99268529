package io.backstory.security.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import io.backstory.base.ui.Formats;
import io.backstory.base.ui.Notices;
import io.backstory.base.ui.PageHeader;
import io.backstory.security.AccountStatus;
import io.backstory.security.NewAccountCommand;
import io.backstory.security.PersonRow;
import io.backstory.security.Role;
import io.backstory.security.SecondFactorService;
import io.backstory.security.SetupLink;
import io.backstory.security.UserAccountService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The admin's people list (DESIGN §8): who has an account, their roles and status, when they last
 * signed in; add a person (they get a single-use setup link), and manage one (details, roles, new
 * link or password reset, unlock, reset their second factor, deactivate or reactivate).
 * Every action is checked again by the services.
 */
@Route("people")
@Menu(order = 20, icon = "USER_CARD", title = "nav.people")
@RolesAllowed("ADMIN")
public class PeopleView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    /** The query parameter that opens the new-person form with a role chosen ({@link PeopleNavigation}). */
    static final String ADD = "add";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final UserAccountService accounts;
    private final SecondFactorService factors;
    private final Clock clock;
    final Grid<PersonRow> grid = new Grid<>();
    final Button add = new Button();
    Dialog dialog;
    PersonForm form;
    Dialog linkDialog;
    String lastLink = "";

    public PeopleView(UserAccountService accounts, SecondFactorService factors, Clock clock) {
        this.accounts = accounts;
        this.factors = factors;
        this.clock = clock;
        addClassName("people-view");
        setSizeFull();

        PageHeader.mainAction(add, getTranslation("people.add"), VaadinIcon.PLUS, e -> openNew(Set.of(Role.THERAPIST)));
        H2 title = new H2(getTranslation("people.title"));
        HorizontalLayout toolbar = PageHeader.withActions(title, add);
        Paragraph intro = PageHeader.intro(getTranslation("people.intro"));

        grid.addComponentColumn(this::nameCell).setHeader(getTranslation("people.col.name")).setFlexGrow(2).setKey("name");
        grid.addColumn(p -> p.roles().stream().sorted().map(r -> getTranslation("role." + r.name())).collect(Collectors.joining(", ")))
                .setHeader(getTranslation("people.col.roles")).setFlexGrow(1);
        grid.addComponentColumn(p -> status(p.status())).setHeader(getTranslation("people.col.status")).setWidth("10.5rem").setFlexGrow(0);
        grid.addColumn(p -> p.lastSignInAt() == null ? "—" : TIME.withLocale(Formats.locale()).format(p.lastSignInAt().atZone(clock.getZone())))
                .setHeader(getTranslation("people.col.lastSignIn")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(p -> p.secondFactor() ? getTranslation("people.mfa.on") : "—")
                .setHeader(getTranslation("people.col.mfa")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(p -> {
            Button manage = new Button(getTranslation("people.manage"), e -> openManage(p));
            manage.addThemeVariants(ButtonVariant.LUMO_SMALL);
            manage.setAriaLabel(getTranslation("people.manage.aria", p.displayName()));
            return manage;
        }).setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setSizeFull();
        add(toolbar, intro, grid);
        refresh();
    }

    /** {@code people?add=therapist} opens the new-person form at once (the getting-started page links here). */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter(ADD).ifPresent(role -> {
            try {
                openNew(Set.of(Role.valueOf(role.toUpperCase(Locale.ROOT))));
            } catch (IllegalArgumentException unknownRole) {
                openNew(Set.of(Role.THERAPIST));
            }
        });
    }

    void refresh() {
        grid.setItems(accounts.people());
    }

    private Component nameCell(PersonRow p) {
        Span name = new Span(p.displayName());
        name.addClassName("person-name");
        Span user = new Span(p.username() + (p.email() == null ? "" : " · " + p.email()));
        user.addClassName("person-username");
        Div cell = new Div(name, user);
        cell.addClassName("person-cell");
        return cell;
    }

    private Span status(AccountStatus status) {
        Span pill = new Span(getTranslation("status." + status.name()));
        pill.addClassNames("pill", switch (status) {
            case ACTIVE -> "pill-success";
            case INVITED, LOCKED -> "pill-warning";
            case DEACTIVATED -> "pill-contrast";
        });
        return pill;
    }

    void openNew(Set<Role> roles) {
        form = new PersonForm(true, getTranslation("people.add.save"));
        form.roles.setValue(roles);
        dialog = new Dialog(new Paragraph(getTranslation("people.add.text")), form);
        dialog.setHeaderTitle(getTranslation("people.add"));
        dialog.setWidth("min(44rem, 95vw)");
        form.addCloseListener(e -> dialog.close());
        form.addSaveListener(e -> {
            form.errors.save(getTranslation("save.what.person"), () -> accounts.createAccount(new NewAccountCommand(
                    form.username.getValue(), form.displayName.getValue(), form.email.getValue(), form.chosenRoles()))).ifPresent(link -> {
                dialog.close();
                refresh();
                showLink(link, "people.link.created");
            });
        });
        dialog.open();
        form.username.focus();
    }

    void openManage(PersonRow person) {
        form = new PersonForm(false, getTranslation("people.edit.save"));
        form.fill(person.displayName(), person.email(), person.roles());
        dialog = new Dialog();
        dialog.setHeaderTitle(person.displayName() + " (" + person.username() + ")");
        dialog.setWidth("min(46rem, 95vw)");
        form.addCloseListener(e -> dialog.close());
        form.addSaveListener(e -> {
            if (form.errors.run(getTranslation("save.what.person"), () -> {
                accounts.changeDetails(person.id(), form.displayName.getValue(), form.email.getValue());
                accounts.changeRoles(person.id(), form.chosenRoles());
            })) {
                dialog.close();
                refresh();
                notice(getTranslation("people.saved", form.displayName.getValue()));
            }
        });

        Div actions = new Div();
        actions.addClassName("person-actions");
        boolean active = person.status() != AccountStatus.DEACTIVATED;
        if (active) {
            boolean invited = person.status() == AccountStatus.INVITED;
            actions.add(action(invited ? "people.action.newLink" : "people.action.reset",
                    invited ? "people.action.newLink.text" : "people.action.reset.text", person, false, () -> {
                        SetupLink link = accounts.resetPassword(person.id());
                        showLink(link, invited ? "people.link.created" : "people.link.reset");
                    }));
        }
        if (person.status() == AccountStatus.LOCKED) {
            actions.add(action("people.action.unlock", "people.action.unlock.text", person, false, () -> accounts.unlock(person.id())));
        }
        if (person.secondFactor()) {
            actions.add(action("people.action.resetMfa", "people.action.resetMfa.text", person, true, () -> factors.reset(person.id())));
        }
        actions.add(active
                ? action("people.action.deactivate", "people.action.deactivate.text", person, true, () -> accounts.deactivate(person.id()))
                : action("people.action.reactivate", "people.action.reactivate.text", person, false, () -> accounts.reactivate(person.id())));
        H3 accountTitle = new H3(getTranslation("people.actions"));
        accountTitle.addClassName("person-actions-title");
        dialog.add(form, accountTitle, actions);
        dialog.open();
    }

    /** A button that asks first, runs the action, and shows the service's problem if it refuses (last admin, own account). */
    private Button action(String labelKey, String textKey, PersonRow person, boolean dangerous, Runnable run) {
        Button button = new Button(getTranslation(labelKey));
        if (dangerous) {
            button.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        button.addClickListener(click -> {
            ConfirmDialog confirm = new ConfirmDialog(getTranslation(labelKey), getTranslation(textKey, person.displayName()),
                    getTranslation(labelKey), ok -> {
                        if (form.errors.run(getTranslation("save.what.person"), run)) {
                            dialog.close();
                            refresh();
                            notice(getTranslation("people.done", getTranslation(labelKey), person.displayName()));
                        }
                    });
            confirm.setCancelable(true);
            confirm.setCancelText(getTranslation("form.cancel"));
            if (dangerous) {
                confirm.setConfirmButtonTheme("error primary");
            }
            confirm.open();
        });
        return button;
    }

    /** The link is shown once: only its hash is stored, so nobody can look it up later. */
    void showLink(SetupLink link, String headingKey) {
        lastLink = absolute(link.path());
        TextField url = new TextField(getTranslation("people.link.label"));
        url.setValue(lastLink);
        url.setReadOnly(true);
        url.setWidthFull();
        url.addClassName("setup-link");
        Button copy = new Button(getTranslation("people.link.copy"), VaadinIcon.COPY.create(), e -> {
            url.getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", lastLink);
            notice(getTranslation("people.link.copied"));
        });
        Paragraph text = new Paragraph(getTranslation("people.link.text", link.displayName(), link.username(),
                TIME.withLocale(Formats.locale()).format(link.expiresAt().atZone(clock.getZone()))));
        Paragraph once = new Paragraph(getTranslation("people.link.once"));
        once.addClassName("muted");
        Button done = new Button(getTranslation("people.link.done"), e -> linkDialog.close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        linkDialog = new Dialog(text, url, once);
        linkDialog.getFooter().add(copy, done);
        linkDialog.setHeaderTitle(getTranslation(headingKey));
        linkDialog.setWidth("min(44rem, 95vw)");
        linkDialog.setCloseOnOutsideClick(false);
        linkDialog.open();
    }

    /** The link as the person will open it: this server's address as the admin's browser reached it. */
    private static String absolute(String path) {
        VaadinServletRequest request = VaadinServletRequest.getCurrent();
        return request == null ? "/" + path
                : ServletUriComponentsBuilder.fromContextPath(request.getHttpServletRequest()).path("/" + path).toUriString();
    }

    private static void notice(String text) {
        Notices.saved(text, 4000);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.people"));
    }
}
