package io.backstory.base.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Whatever under {@code /api/} no controller answers. Without it the request would fall through to Vaadin,
 * which answers an API client with an HTML page. A path that exists with other methods gets 405 and the
 * {@code Allow} header; any other path 404, both as JSON.
 */
@RestController
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class ApiFallbackController {

    private final ApplicationContext context;

    @RequestMapping("/api/**")
    ResponseEntity<Map<String, Object>> unknown(HttpServletRequest request) {
        if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        RequestMappingHandlerMapping mappings = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        TreeSet<String> allowed = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, ?> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            PathPatternsRequestCondition paths = info.getPathPatternsCondition();
            boolean fallback = paths != null && paths.getPatternValues().contains("/api/**");
            if (!fallback && paths != null && paths.getMatchingCondition(request) != null) {
                info.getMethodsCondition().getMethods().forEach(m -> allowed.add(m.name()));
            }
        }
        if (!allowed.isEmpty()) {
            return ApiErrors.methodNotAllowed(request.getMethod(), allowed.stream().collect(Collectors.joining(", ")));
        }
        return ApiErrors.body(HttpStatus.NOT_FOUND, "No API resource at " + request.getRequestURI(), null);
    }
}
