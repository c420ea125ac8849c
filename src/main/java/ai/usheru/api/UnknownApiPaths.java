package ai.usheru.api;

import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every path under {@code /api/} that no endpoint serves answers JSON: {@code 404 not_found},
 * {@code 405 method_not_allowed} with {@code Allow} when the path exists for other methods, or
 * {@code 406 not_acceptable} when only the media types do not fit — never the
 * UI's HTML page (which Vaadin would otherwise serve, with a session cookie, for any unmatched path).
 * Spring picks the most specific mapping first, so this one only answers what nothing else does.
 */
@Hidden // not an endpoint: the answer for paths that are none
@RestController
class UnknownApiPaths {

    private final RequestMappingHandlerMapping mappings;

    UnknownApiPaths(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.mappings = mappings;
    }

    @RequestMapping("/api/**")
    ResponseEntity<ApiError> unknown(HttpServletRequest request) {
        Set<String> allowed = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (!isThis(method) && info.getPathPatternsCondition() != null
                    && info.getPathPatternsCondition().getMatchingCondition(request) != null) {
                info.getMethodsCondition().getMethods().forEach(verb -> allowed.add(verb.name()));
            }
        });
        if (allowed.contains(request.getMethod())) {
            // The path and method exist; what the caller accepts or sends does not fit them.
            return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).body(new ApiError("not_acceptable",
                    "This endpoint answers application/json (and text/event-stream where it streams) and reads application/json."));
        }
        if (!allowed.isEmpty()) {
            return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, String.join(", ", allowed))
                    .body(new ApiError("method_not_allowed", request.getMethod() + " is not supported here; use " + String.join(" or ", allowed) + "."));
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError("not_found", "There is no " + request.getRequestURI() + " in the API."));
    }

    private static boolean isThis(HandlerMethod method) {
        return method.getBeanType().equals(UnknownApiPaths.class);
    }

}
