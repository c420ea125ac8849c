package ai.usheru.api;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.AuditTrail;
import ai.usheru.accounts.SignInThrottle;

/** Accounts with recent failed sign-ins and how long each must still wait; an admin clears one. Admins only. */
@RestController
@RequestMapping("/api/v1/admin/sign-in-throttles")
class AdminSignInThrottlesController {

    private final SignInThrottle throttle;
    private final AccountService accounts;
    private final AuditTrail audit;

    AdminSignInThrottlesController(SignInThrottle throttle, AccountService accounts, AuditTrail audit) {
        this.throttle = throttle;
        this.accounts = accounts;
        this.audit = audit;
    }

    @Operation(summary = "Accounts with failed sign-ins in the last 15 minutes")
    @GetMapping
    List<SignInThrottle.Throttled> list() {
        return throttle.recent();
    }

    @Operation(summary = "Clear one account's failed sign-ins")
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear(@RequestParam String email) {
        throttle.clear(email);
        audit.record(accounts.current().id(), "sign_in_throttle.clear", email, Map.of());
    }
}
