package ai.usheru.api;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Liveness for load balancers and scripts, open to everyone; it reveals nothing but up or down. */
@RestController
class HealthController {

    private final HealthEndpoint health;

    HealthController(HealthEndpoint health) {
        this.health = health;
    }

    record Health(String status) {}

    @Operation(summary = "Whether the service is up")
    @GetMapping("/api/v1/health")
    ResponseEntity<Health> health() {
        var status = health.health().getStatus();
        return ResponseEntity.status(Status.UP.equals(status) ? 200 : 503).body(new Health(status.getCode()));
    }
}
