package ai.usheru.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error codes an endpoint answers of its own (see {@link ApiErrorCodes}), for its OpenAPI description.
 * Those every endpoint of its kind gives — a missing token, a non-admin on an admin path, an unreadable
 * body — are added by rule in {@link OpenApiConfiguration} and need not be listed. A code with two statuses
 * is named with the one meant: {@code "404 unknown_model"}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface Refusals {

    String[] value();
}
