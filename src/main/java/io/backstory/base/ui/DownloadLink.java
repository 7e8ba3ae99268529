package io.backstory.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The exports' links (report, audit log, import), built one way: the file is made when the link is followed, not when
 * the page opens. That happens in the download request, outside the UI's session lock, so what makes the file should
 * read services and values taken beforehand rather than components.
 */
public final class DownloadLink {

    /** One download: the file's name, its media type and its bytes. */
    public record Content(String fileName, String type, byte[] bytes) {
    }

    private DownloadLink() {
    }

    /** A link with the given text that downloads what {@code content} makes. */
    public static Anchor of(String text, Supplier<Content> content) {
        Anchor anchor = new Anchor(DownloadHandler.fromInputStream(event -> {
            Content made = content.get();
            return new DownloadResponse(new ByteArrayInputStream(made.bytes()), made.fileName(), made.type(), made.bytes().length);
        }), text);
        anchor.getElement().setAttribute("download", true);
        return anchor;
    }

    /** An export link in the look of the page headers' exports: the download icon, then the label. */
    public static Anchor export(String label, Supplier<Content> content) {
        Anchor anchor = of("", content);
        anchor.add(VaadinIcon.DOWNLOAD_ALT.create(), new Span(label));
        anchor.addClassName("report-export");
        return anchor;
    }

    /** A CSV file (UTF-8) of what {@code write} writes. */
    public static Content csv(String fileName, Consumer<Writer> write) {
        StringWriter csv = new StringWriter();
        write.accept(csv);
        return new Content(fileName, "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A zip file of what {@code write} writes. */
    public static Content zip(String fileName, Consumer<OutputStream> write) {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        write.accept(zip);
        return new Content(fileName, "application/zip", zip.toByteArray());
    }
}
