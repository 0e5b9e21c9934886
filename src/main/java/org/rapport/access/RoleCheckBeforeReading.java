package org.rapport.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * An endpoint's role check ({@code @PreAuthorize} on the controller method or its class)
 * is made before the request is read: a staff member or client without the permission
 * gets 403 whatever the body, not the body's 400 with its fields described. Method
 * security checks again when the method runs; this only moves the refusal first. The
 * application's checks name authorities, never the method's arguments, which are not read
 * yet: an expression that needed them would fail here, and the
 * {@code EveryEndpointIsGuardedTest} would show it.
 */
@Component
class RoleCheckBeforeReading implements HandlerInterceptor, WebMvcConfigurer {

	private final PreAuthorizeAuthorizationManager checks = new PreAuthorizeAuthorizationManager();

	RoleCheckBeforeReading(ApplicationContext context) {
		this.checks.setApplicationContext(context);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method) || !guarded(method)) {
			return true;
		}
		AuthorizationResult result = this.checks.authorize(() -> SecurityContextHolder.getContext().getAuthentication(),
				new SimpleMethodInvocation(method.getBean(), method.getMethod(),
						new Object[method.getMethodParameters().length]));
		if (result != null && !result.isGranted()) {
			throw new AuthorizationDeniedException("Access Denied", result);
		}
		return true;
	}

	private static boolean guarded(HandlerMethod method) {
		return AnnotatedElementUtils.hasAnnotation(method.getMethod(), PreAuthorize.class)
				|| AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PreAuthorize.class);
	}

}
