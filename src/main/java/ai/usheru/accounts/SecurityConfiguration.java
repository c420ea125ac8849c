package ai.usheru.accounts;

import java.util.Map;

import javax.sql.DataSource;


import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ott.JdbcOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

import ai.usheru.accounts.ui.LoginView;

/**
 * The UI's security chain and what both chains share (passwords, one-time tokens, method security).
 * The API's own chain, stateless and answering in JSON, is {@code ai.usheru.api.ApiSecurityConfiguration}
 * (ordered before this one). Everything but {@code /api/**} is the Vaadin UI with its login view, magic-link
 * sign-in through one-time tokens, CSRF protection and sessions. Both send the browser hardening headers:
 * a Content-Security-Policy, {@code nosniff}, a referrer policy, no framing, and HSTS on TLS (also behind
 * a proxy that says so in {@code X-Forwarded-Proto}; see {@code server.forward-headers-strategy}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfiguration {

    /**
     * What the UI's pages may load and run: only this origin. Vaadin Flow starts its client engine with
     * an inline script and runs the server's {@code executeJs} through constructed functions, hence
     * {@code 'unsafe-inline' 'unsafe-eval'} for scripts (Vaadin's documented requirement); Lumo and
     * components set inline styles; chart downloads and images use {@code data:} and {@code blob:}.
     */
    static final String UI_CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    /** Browser features the product never uses, switched off for its pages. */
    private static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt today, with the algorithm id stored beside each hash so stronger ones can follow.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    OneTimeTokenService oneTimeTokenService(DataSource dataSource) {
        return new JdbcOneTimeTokenService(new JdbcTemplate(dataSource));
    }

    @Bean
    @Order(2)
    SecurityFilterChain uiSecurity(HttpSecurity http, MagicLinks magicLinks, SignInThrottle throttle) throws Exception {
        http.addFilterBefore(new SignInThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class);
        // Vaadin serves its pages through a forward to its servlet, and the finished forward commits the
        // response past Spring Security's wrapper, which would then never add its headers: write them first.
        http.headers(headers -> headers
                .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                })
                .contentSecurityPolicy(csp -> csp.policyDirectives(UI_CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .frameOptions(frames -> frames.deny())
                .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY)));
        // Metrics tell how the product is used (models, volumes): admins only. Health is for probes.
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**", "/images/**", "/styles/**", "/webjars/**").permitAll()
                // A digest's unsubscribe link works without signing in; its token names the person.
                .requestMatchers("/unsubscribe").permitAll()
                .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                // The API's OpenAPI description and its Swagger UI page: admins, through their UI session.
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").hasRole(Role.ADMIN.name()));
        // Our login view offers the magic link, so Spring Security must not generate a login page of its own.
        http.oneTimeTokenLogin(ott -> ott
                .loginPage("/login")
                .loginProcessingUrl("/login/ott")
                .tokenGenerationSuccessHandler(magicLinks));
        // Mail programs send the one-click unsubscribe POST (RFC 8058) with no session and no CSRF token.
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/unsubscribe"));
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class));
        var failures = new ExceptionMappingAuthenticationFailureHandler();
        failures.setDefaultFailureUrl("/login?error");
        failures.setExceptionMappings(Map.of(LockedException.class.getName(), "/login?blocked"));
        http.formLogin(form -> form.failureHandler(failures));
        return http.build();
    }
}
