package ai.usheru.api;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ai.usheru.accounts.ApiTokenService;

/** Exchanges credentials for a bearer token. */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    private final ApiTokenService tokens;

    AuthController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    record TokenRequest(String email, String password) {}

    @Operation(summary = "Exchange e-mail and password for a token")
    @Refusals({"invalid_credentials", "user_blocked", "too_many_attempts"})
    @PostMapping("/token")
    ApiTokenService.IssuedToken token(@RequestBody TokenRequest request, jakarta.servlet.http.HttpServletRequest http) {
        return tokens.issue(request.email(), request.password(), http.getRemoteAddr());
    }
}
