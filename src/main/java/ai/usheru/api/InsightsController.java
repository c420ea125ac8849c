package ai.usheru.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ai.usheru.DomainException;
import ai.usheru.accounts.NotificationService;
import ai.usheru.accounts.NotificationSettings;
import ai.usheru.insights.InsightService;

/** Weekly insights in the caller's scope, the admin's "run now", and each person's mail settings. */
@RestController
@RequestMapping("/api/v1")
class InsightsController {

    private final InsightService insights;
    private final NotificationService notifications;

    InsightsController(InsightService insights, NotificationService notifications) {
        this.insights = insights;
        this.notifications = notifications;
    }

    record InsightView(UUID id, String kind, String title, String body, Map<String, Object> data, String question) {}

    record WeekView(LocalDate week, String scope, List<InsightView> insights) {}

    record RunRequest(String week, String send) {}

    record RunView(LocalDate week, int insights, int digests) {}

    @Operation(summary = "The week's insights in your scope")
    @Refusals({"bad_week", "no_data"})
    @GetMapping("/insights")
    WeekView insights(@RequestParam(required = false) String week) {
        var found = insights.forCurrentUser(dateOf(week));
        return new WeekView(found.week(), found.scope(), found.insights().stream()
                .map(insight -> new InsightView(insight.id(), insight.kind(), insight.title(), insight.body(), insight.data(),
                        insight.question()))
                .toList());
    }

    @Operation(summary = "Compute a week's insights now")
    @Refusals({"bad_week", "no_data"})
    @PostMapping("/admin/insights/run")
    RunView run(@RequestBody(required = false) RunRequest request) {
        RunRequest body = request == null ? new RunRequest(null, null) : request;
        if (body.send() != null && !body.send().equals("now")) {
            throw DomainException.badInput("bad_request", "\"send\" is \"now\" or left out (digests then go at each user's local hour).");
        }
        var result = insights.runNow(dateOf(body.week()), "now".equals(body.send()));
        return new RunView(result.week(), result.insights(), result.digests());
    }

    @Operation(summary = "Your digest setting and time zone")
    @GetMapping("/me/notifications")
    NotificationSettings myNotifications() {
        return notifications.mine();
    }

    @Operation(summary = "Change your digest setting and time zone")
    @Refusals({"unknown_time_zone"})
    @PutMapping("/me/notifications")
    NotificationSettings changeMyNotifications(@RequestBody NotificationSettings changes) {
        return notifications.changeMine(changes);
    }

    private static LocalDate dateOf(String week) {
        if (week == null || week.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(week.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.badInput("bad_week", "A week is a date written YYYY-MM-DD, such as 2010-11-15.");
        }
    }
}
