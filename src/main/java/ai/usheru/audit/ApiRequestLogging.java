package ai.usheru.audit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Puts the request log's filter in front of the security chain, so the calls it refuses are logged too. */
@Configuration(proxyBeanMethods = false)
class ApiRequestLogging {

    @Bean
    FilterRegistrationBean<ApiRequestLogFilter> apiRequestLogFilter(ApiRequestLog requestLog,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        var registration = new FilterRegistrationBean<>(new ApiRequestLogFilter(requestLog, mappings));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
