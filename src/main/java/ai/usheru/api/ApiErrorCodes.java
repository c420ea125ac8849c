package ai.usheru.api;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * Every {@code code} the API answers in an {@link ApiError}, with its status and what it means, in one
 * place: the OpenAPI description prints this table and each operation's error responses are drawn
 * from it. The codes are those the services, the controllers, the security filters and
 * {@link ApiExceptionHandler} throw or write; a code an operation names that is missing here fails
 * the description rather than going undocumented.
 */
final class ApiErrorCodes {

    /** One code, the status it comes with, and a sentence on when. */
    record ErrorCode(String code, HttpStatus status, String meaning) {}

    /** {@code invalid_<parameter>}: a path or query parameter that is not of its type, named after it. */
    static final String INVALID_PARAMETER = "invalid_<parameter>";

    static final List<ErrorCode> ALL = List.of(
            // 400: the request itself is wrong; the message says how to put it right.
            code("bad_request", HttpStatus.BAD_REQUEST, "The body is not JSON of the expected shape, or a field it needs is missing."),
            code(INVALID_PARAMETER, HttpStatus.BAD_REQUEST, "A path or query parameter is not of its type (e.g. `invalid_id`)."),
            code("invalid_email", HttpStatus.BAD_REQUEST, "The e-mail address is not one."),
            code("weak_password", HttpStatus.BAD_REQUEST, "The password is too short."),
            code("unknown_role", HttpStatus.BAD_REQUEST, "The role is neither USER nor ADMIN."),
            code("unknown_region", HttpStatus.BAD_REQUEST, "A region that no datamart knows."),
            code("unknown_datamart", HttpStatus.BAD_REQUEST, "A datamart that does not exist."),
            code("unknown_model", HttpStatus.BAD_REQUEST, "A language model that is not registered."),
            code("invalid_quota", HttpStatus.BAD_REQUEST, "A quota limit is negative."),
            code("cannot_demote_self", HttpStatus.BAD_REQUEST, "An admin cannot take away their own admin role."),
            code("invalid_id", HttpStatus.BAD_REQUEST, "The id in the path is not an id."),
            code("invalid_group_by", HttpStatus.BAD_REQUEST, "`groupBy` is not user, client, model or day."),
            code("invalid_date", HttpStatus.BAD_REQUEST, "A date is not of the form YYYY-MM-DD."),
            code("invalid_period", HttpStatus.BAD_REQUEST, "The period starts after it ends, or is longer than a report may cover."),
            code("invalid_model_name", HttpStatus.BAD_REQUEST, "A model name is 1 to 200 letters, digits or . : / @ + - _."),
            code("invalid_base_url", HttpStatus.BAD_REQUEST, "The model's base URL is not an http(s) URL."),
            code("invalid_key_source", HttpStatus.BAD_REQUEST, "The key is not named by an environment variable."),
            code("invalid_price", HttpStatus.BAD_REQUEST, "A price is outside 0 to 100000 US dollars per million tokens."),
            code("empty_question", HttpStatus.BAD_REQUEST, "The question is empty."),
            code("question_too_long", HttpStatus.BAD_REQUEST, "The question is longer than a question may be."),
            code("invalid_thread_id", HttpStatus.BAD_REQUEST, "The thread id is not an id."),
            code("invalid_rating", HttpStatus.BAD_REQUEST, "A rating is 1 or -1."),
            code("empty_sql", HttpStatus.BAD_REQUEST, "The SQL is empty."),
            code("sql_too_long", HttpStatus.BAD_REQUEST, "The SQL is longer than a query may be."),
            code("sql_rejected", HttpStatus.BAD_REQUEST, "The guard refused the SQL; the message gives the reason."),
            code("query_failed", HttpStatus.BAD_REQUEST, "The warehouse could not run the SQL."),
            code("bad_target", HttpStatus.BAD_REQUEST, "The prediction target is not one the product predicts."),
            code("bad_film", HttpStatus.BAD_REQUEST, "A film field has a value the model does not know; the message lists the known ones."),
            code("unknown_genre", HttpStatus.BAD_REQUEST, "A genre the data does not have."),
            code("unknown_distributor", HttpStatus.BAD_REQUEST, "A distributor the data does not have."),
            code("bad_horizon", HttpStatus.BAD_REQUEST, "The forecast horizon is outside 1–13."),
            code("bad_period", HttpStatus.BAD_REQUEST, "The forecast period is neither year nor week."),
            code("bad_id", HttpStatus.BAD_REQUEST, "The id in the path is not an id."),
            code("bad_pin", HttpStatus.BAD_REQUEST, "A pin needs a version and either a client or a user."),
            code("bad_week", HttpStatus.BAD_REQUEST, "The week is not a date such as 2026-03-02."),
            code("no_data", HttpStatus.BAD_REQUEST, "The warehouse holds no complete week yet."),
            code("unknown_time_zone", HttpStatus.BAD_REQUEST, "The time zone is not an IANA zone such as Europe/Dublin."),
            code("prompt_too_long", HttpStatus.BAD_REQUEST, "The prompt is over 4,000 characters."),
            code("invalid_version", HttpStatus.BAD_REQUEST, "The prompt version is not a number of 0 or more."),
            code("invalid_limit", HttpStatus.BAD_REQUEST, "`limit` is not a number from 1 to 1000."),
            code("invalid_from", HttpStatus.BAD_REQUEST, "`from` is not a day or an instant."),
            code("invalid_to", HttpStatus.BAD_REQUEST, "`to` is not a day or an instant."),
            code("invalid_before", HttpStatus.BAD_REQUEST, "`before` is not the id of an entry."),
            code("invalid_format", HttpStatus.BAD_REQUEST, "`format` is neither json nor csv."),
            code("invalid_status", HttpStatus.BAD_REQUEST, "`status` is neither a status (404) nor a class (4xx)."),
            code("invalid_setting", HttpStatus.BAD_REQUEST, "The value is outside what the setting takes; the message names the range."),
            // 401 and 403: who is calling, and whether they may.
            code("unauthenticated", HttpStatus.UNAUTHORIZED, "No bearer token was sent."),
            code("invalid_token", HttpStatus.UNAUTHORIZED, "The bearer token is unknown or has expired."),
            code("invalid_credentials", HttpStatus.UNAUTHORIZED, "The e-mail or the password is wrong."),
            code("forbidden", HttpStatus.FORBIDDEN, "The caller's role may not call this endpoint."),
            code("user_blocked", HttpStatus.FORBIDDEN, "The account is blocked."),
            code("model_not_allowed", HttpStatus.FORBIDDEN, "The caller may not use that language model."),
            code("region_out_of_scope", HttpStatus.FORBIDDEN, "The region is outside the caller's scope."),
            // 404: the thing named does not exist (or is not the caller's).
            code("not_found", HttpStatus.NOT_FOUND, "No endpoint is at this path."),
            code("user_not_found", HttpStatus.NOT_FOUND, "There is no such user."),
            code("invitation_not_found", HttpStatus.NOT_FOUND, "There is no such invitation, or a resend replaced its link."),
            code("thread_not_found", HttpStatus.NOT_FOUND, "There is no such conversation of the caller's."),
            code("message_not_found", HttpStatus.NOT_FOUND, "There is no such answer of the caller's."),
            code("prompt_not_found", HttpStatus.NOT_FOUND, "There is no prompt of that name."),
            code("setting_not_found", HttpStatus.NOT_FOUND, "There is no setting of that name."),
            code("unknown_model_version", HttpStatus.NOT_FOUND, "There is no prediction model version with that id."),
            code("unknown_model", HttpStatus.NOT_FOUND, "There is no prediction model of that name."),
            code("unknown_client", HttpStatus.NOT_FOUND, "There is no client of that name."),
            code("unknown_user", HttpStatus.NOT_FOUND, "There is no user with that e-mail."),
            code("unknown_pin", HttpStatus.NOT_FOUND, "There is no pin with that id."),
            // 405, 406, 408, 415: the path exists but not like this.
            code("method_not_allowed", HttpStatus.METHOD_NOT_ALLOWED, "The path exists for other methods, listed in `Allow`."),
            code("not_acceptable", HttpStatus.NOT_ACCEPTABLE, "The endpoint writes none of the types in `Accept`."),
            code("query_timeout", HttpStatus.REQUEST_TIMEOUT, "The warehouse query ran longer than the query timeout (`APP_QUERY_TIMEOUT` or an admin's setting) and was cancelled."),
            code("unsupported_media_type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The body is not application/json."),
            // 409: the state of things refuses the change.
            code("email_taken", HttpStatus.CONFLICT, "An account with that e-mail exists (case-insensitive)."),
            code("already_invited", HttpStatus.CONFLICT, "That e-mail has a pending invitation."),
            code("invitation_used", HttpStatus.CONFLICT, "The invitation was accepted already."),
            code("invitation_revoked", HttpStatus.CONFLICT, "The invitation was revoked."),
            code("invitation_expired", HttpStatus.CONFLICT, "The invitation's seven days are over."),
            code("prompt_changed", HttpStatus.CONFLICT, "Someone saved the prompt since the version given."),
            code("model_not_approvable", HttpStatus.CONFLICT, "The version's backtest does not allow approval; the message says why."),
            code("model_not_approved", HttpStatus.CONFLICT, "Only an approved version can be pinned."),
            // 429: slow down; Retry-After says for how long.
            code("too_many_attempts", HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins; wait `Retry-After` seconds."),
            code("quota_exceeded", HttpStatus.TOO_MANY_REQUESTS, "The caller's quota is spent until `Retry-After`."),
            code("busy", HttpStatus.TOO_MANY_REQUESTS, "The caller has `APP_QUERY_CONCURRENCY_PER_USER` queries running already."),
            // 500 and 503: the product cannot answer now.
            code("internal_error", HttpStatus.INTERNAL_SERVER_ERROR, "Something failed on the server; nothing internal is told."),
            code("server_busy", HttpStatus.SERVICE_UNAVAILABLE, "Every query slot of the instance is taken; retry after `Retry-After`."),
            code("warehouse_unavailable", HttpStatus.SERVICE_UNAVAILABLE, "The warehouse cannot be reached."),
            code("datamart_unavailable", HttpStatus.SERVICE_UNAVAILABLE, "The datamart is not loaded."),
            code("query_interrupted", HttpStatus.SERVICE_UNAVAILABLE, "The query was stopped before it finished."),
            code("llm_unavailable", HttpStatus.SERVICE_UNAVAILABLE, "The language model did not answer."),
            code("no_data", HttpStatus.SERVICE_UNAVAILABLE, "The warehouse holds no box office to train on."),
            code("no_approved_model", HttpStatus.SERVICE_UNAVAILABLE, "No approved prediction model version serves the caller."),
            code("not_enough_history", HttpStatus.SERVICE_UNAVAILABLE, "Too little history to forecast from."));

    private ApiErrorCodes() {}

    /**
     * The entry for a code, or for {@code "404 unknown_model"} where one code has two statuses; fails for a
     * code nobody documented, so the description cannot drift silently.
     */
    static ErrorCode of(String reference) {
        String[] parts = reference.split(" ", 2);
        String code = parts.length == 2 ? parts[1] : parts[0];
        Integer status = parts.length == 2 ? Integer.valueOf(parts[0]) : null;
        return ALL.stream()
                .filter(entry -> entry.code().equals(code) && (status == null || entry.status().value() == status))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The API error code '" + reference + "' is not in ApiErrorCodes."));
    }

    private static ErrorCode code(String code, HttpStatus status, String meaning) {
        return new ErrorCode(code, status, meaning);
    }
}
