package ai.usheru.insights;

import java.util.Locale;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;

import ai.usheru.accounts.NotificationService;

/**
 * The unsubscribe link of a digest, without signing in (RFC 8058): a POST unsubscribes at once — what a
 * mail program's one-click button sends — while a GET only shows a page asking to confirm, since link
 * scanners and previews follow GETs on their own.
 */
@Controller
@RequestMapping("/unsubscribe")
class UnsubscribeController {

    private final NotificationService notifications;
    private final TemplateEngine pages = Templates.in("web", TemplateMode.HTML, ".html");

    UnsubscribeController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    ResponseEntity<String> confirm(@RequestParam(required = false) String token) {
        var email = notifications.emailOfToken(token);
        return page(email.isPresent() ? 200 : 404, Map.of("state", email.isPresent() ? "confirm" : "unknown",
                "email", email.orElse(""), "token", token == null ? "" : token));
    }

    @PostMapping
    ResponseEntity<String> unsubscribe(@RequestParam(required = false) String token) {
        var email = notifications.unsubscribe(token);
        return page(email.isPresent() ? 200 : 404, Map.of("state", email.isPresent() ? "done" : "unknown",
                "email", email.orElse(""), "token", ""));
    }

    private ResponseEntity<String> page(int status, Map<String, Object> model) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML)
                .body(pages.process("unsubscribe", new Context(Locale.UK, model)));
    }
}
