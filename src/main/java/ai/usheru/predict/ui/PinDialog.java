package ai.usheru.predict.ui;

import java.util.List;
import java.util.function.Consumer;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.EmailField;

import ai.usheru.DomainException;
import ai.usheru.predict.ModelRegistry;
import ai.usheru.predict.ModelVersion;

/**
 * Pins an approved version for one client or one user: a choice between the two, the client picked
 * from the known ones or the user's e-mail typed, Enter to pin. The service checks it all again and
 * its refusals appear beside the field they concern.
 */
final class PinDialog extends Dialog {

    /** What pinning does; the view passes the admin service's pin for this version. */
    interface Pinning {
        ModelRegistry.Pin pin(String client, String userEmail);
    }

    static final String FOR_CLIENT = "A client";
    static final String FOR_USER = "A user";

    final RadioButtonGroup<String> holder = new RadioButtonGroup<>("Pin for", FOR_CLIENT, FOR_USER);
    final ComboBox<String> client = new ComboBox<>("Client");
    final EmailField user = new EmailField("User's e-mail");
    private final Paragraph error = new Paragraph();
    private final Pinning pinning;
    private final Consumer<ModelRegistry.Pin> onPinned;

    PinDialog(ModelVersion version, List<String> clientNames, Pinning pinning, Consumer<ModelRegistry.Pin> onPinned) {
        this.pinning = pinning;
        this.onPinned = onPinned;
        setHeaderTitle("Pin " + version.label());
        setId("pin-dialog");
        setWidth("min(30rem, 95vw)");

        holder.setId("pin-holder");
        holder.setItemEnabledProvider(choice -> !choice.equals(FOR_CLIENT) || !clientNames.isEmpty());
        holder.setValue(clientNames.isEmpty() ? FOR_USER : FOR_CLIENT);
        holder.addValueChangeListener(change -> showField());
        client.setId("pin-client");
        client.setItems(clientNames);
        client.setWidthFull();
        client.setPlaceholder("Type or pick a client");
        user.setId("pin-user");
        user.setWidthFull();
        user.setPlaceholder("name@company.com");
        error.addClassName("form-error");
        // Announced by screen readers as soon as its text is set.
        error.getElement().setAttribute("role", "alert");
        error.setVisible(false);

        add(new Paragraph("Their users get this version of " + version.name() + " instead of the newest approved one while it stays "
                + "approved. It replaces their earlier pin of " + version.name() + "."), holder, client, user, error);
        var pin = new Button("Pin", click -> pin());
        pin.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // Listened to on the dialog itself: a modal dialog makes the page behind it, where a shortcut listens by default, inert.
        pin.addClickShortcut(Key.ENTER).listenOn(this);
        pin.setId("pin-save");
        getFooter().add(new Button("Cancel", click -> close()), pin);
        showField();
    }

    private void showField() {
        boolean forClient = FOR_CLIENT.equals(holder.getValue());
        client.setVisible(forClient);
        user.setVisible(!forClient);
        (forClient ? (com.vaadin.flow.component.Focusable<?>) client : user).focus();
    }

    void pin() {
        boolean forClient = FOR_CLIENT.equals(holder.getValue());
        client.setInvalid(false);
        user.setInvalid(false);
        error.setVisible(false);
        if (forClient && client.isEmpty()) {
            flag(client, "Choose the client whose users get this version.");
            return;
        }
        if (!forClient && user.isEmpty()) {
            flag(user, "Enter the e-mail of the user who gets this version.");
            return;
        }
        try {
            ModelRegistry.Pin pinned = forClient ? pinning.pin(client.getValue(), null) : pinning.pin(null, user.getValue());
            close();
            onPinned.accept(pinned);
        } catch (DomainException e) {
            switch (e.code()) {
                case "unknown_client" -> flag(client, e.getMessage());
                case "unknown_user" -> flag(user, e.getMessage());
                default -> {
                    error.setText(e.getMessage());
                    error.setVisible(true);
                }
            }
        }
    }

    private static void flag(HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }
}
