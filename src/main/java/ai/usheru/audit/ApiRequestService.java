package ai.usheru.audit;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The API request log as admins read it: a filtered page and the summary of all that the filter matches. Admins only. */
@Service
public class ApiRequestService {

    private final ApiRequests requests;

    ApiRequestService(ApiRequests requests) {
        this.requests = requests;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public ApiRequestReport report(ApiRequestFilter filter) {
        List<ApiRequest> page = requests.page(filter);
        boolean full = page.size() == filter.paging().limit();
        return new ApiRequestReport(requests.summary(filter), page, full ? page.getLast().id() : null);
    }
}
