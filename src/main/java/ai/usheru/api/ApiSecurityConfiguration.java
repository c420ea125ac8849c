package ai.usheru.api;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import tools.jackson.databind.json.JsonMapper;

import ai.usheru.accounts.ApiTokenService;
import ai.usheru.accounts.Role;

/**
 * The API's security chain, ahead of the UI's ({@code ai.usheru.accounts.SecurityConfiguration}): everything
 * under {@code /api/**} is stateless, authenticated by bearer tokens, and answers every refusal as JSON.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    /** The API serves JSON and CSV, never a page: nothing in it may run or be framed. */
    static final String API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokenService tokens, JsonMapper json,
            SecurityContextHolderStrategy securityContexts) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(API_CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .addFilterBefore(new BearerTokenFilter(tokens, json, securityContexts), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // A streamed answer finishes in an async dispatch of a request that was already authorised.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(ApiAccess.PUBLIC_PATHS).permitAll()
                        .requestMatchers(ApiAccess.ADMIN_PATHS).hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> ApiErrors.write(response, json,
                                HttpStatus.UNAUTHORIZED, new ApiError("unauthenticated", "Send a valid bearer token.")))
                        .accessDeniedHandler((request, response, e) -> ApiErrors.write(response, json,
                                HttpStatus.FORBIDDEN, new ApiError("forbidden", "Your role may not call this endpoint."))));
        return http.build();
    }
}
