package io.backstory.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/**
 * The frame around every signed-in view. The side navigation is built from the views' {@code @Menu}
 * entries, filtered by the user's access, so this layout never imports a feature view.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication) {
        setPrimarySection(Section.DRAWER);

        Span brand = new Span(getTranslation("app.name"));
        brand.addClassName("app-brand");
        Span tagline = new Span(getTranslation("app.tagline.short"));
        tagline.addClassName("app-brand-tagline");
        Div header = new Div(brand, tagline);
        header.addClassName("app-drawer-header");

        SideNav nav = new SideNav();
        nav.addClassName("app-nav");
        MenuConfiguration.getMenuEntries().forEach(entry -> nav.addItem(item(entry)));
        addToDrawer(header, nav);

        String name = authentication.getPrincipalName().orElse("");
        Span user = new Span(new Icon(VaadinIcon.USER), new Span(name));
        user.addClassName("app-user");
        Button signOut = new Button(getTranslation("nav.signout"), e -> authentication.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout bar = new HorizontalLayout(new DrawerToggle(), new Div(), user, signOut);
        bar.setWidthFull();
        bar.setAlignItems(HorizontalLayout.Alignment.CENTER);
        bar.expand(bar.getComponentAt(1));
        bar.addClassName("app-navbar");
        addToNavbar(bar);
    }

    private SideNavItem item(MenuEntry entry) {
        SideNavItem item = new SideNavItem(getTranslation(entry.title()), entry.path());
        if (entry.icon() != null) {
            item.setPrefixComponent(VaadinIcon.valueOf(entry.icon()).create());
        }
        return item;
    }
}
