package io.backstory.importexport.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import io.backstory.BackstoryTest;
import io.backstory.SignedIn;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.util.AopTestUtils;

@BackstoryTest
class ImportViewTest extends SpringBrowserlessTest {

    @RegisterExtension
    final SignedIn signedIn = SignedIn.as("admin");

    @Test
    void shouldLabelTheUploadButtonAndItsErrorsInSpanishForASpanishAdmin() {
        UI.getCurrent().setLocale(Locale.of("es"));

        ImportView view = AopTestUtils.getUltimateTargetObject(navigate(ImportView.class));

        // Vaadin's own words for the upload are English ("Upload Files...") unless the view gives its own.
        assertThat(view.upload.getI18n()).isNotNull();
        assertThat(view.upload.getI18n().getAddFiles().getMany()).isEqualTo("Elegir archivos CSV…");
        assertThat(view.upload.getI18n().getError().getIncorrectFileType()).isEqualTo("Solo se pueden importar archivos .csv.");
    }
}
