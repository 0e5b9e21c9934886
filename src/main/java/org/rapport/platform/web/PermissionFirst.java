package org.rapport.platform.web;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Whether the caller holds the permission of the endpoint a request was mapped to, asked
 * when the request is refused before the endpoint runs (a body that is not JSON, an
 * invalid field, a parameter of the wrong type): a caller without the permission gets 403
 * whatever it sent, never the body's 400 describing the fields (ADR 0091). Method
 * security makes the same check when the endpoint runs; asking here only on a refusal
 * costs a valid request nothing. Uses Spring Security's own reading of
 * {@code @PreAuthorize}; the application's expressions name authorities only, never the
 * method's arguments, which are not read at this point.
 */
@Component
class PermissionFirst {

	private final PreAuthorizeAuthorizationManager checks = new PreAuthorizeAuthorizationManager();

	private final Map<Method, Boolean> guarded = new ConcurrentHashMap<>();

	PermissionFirst(ApplicationContext context) {
		this.checks.setApplicationContext(context);
	}

	/** False only when the request's endpoint checks a permission the caller lacks. */
	boolean permitted(WebRequest request) {
		Object handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST);
		if (!(handler instanceof HandlerMethod method) || !this.guarded.computeIfAbsent(method.getMethod(),
				(m) -> AnnotatedElementUtils.hasAnnotation(m, PreAuthorize.class)
						|| AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PreAuthorize.class))) {
			return true;
		}
		AuthorizationResult result = this.checks.authorize(() -> SecurityContextHolder.getContext().getAuthentication(),
				new SimpleMethodInvocation(method.getBean(), method.getMethod(),
						new Object[method.getMethodParameters().length]));
		return result == null || result.isGranted();
	}

}
