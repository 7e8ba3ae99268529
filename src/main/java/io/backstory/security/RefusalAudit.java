package io.backstory.security;

import io.backstory.base.RecordNotFoundException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.WeakHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Audits refused record access (DESIGN §6, issue 9 item 7): when a service of the app answers a call
 * with {@link RecordNotFoundException} (no such record, or another clinic's) the trail gets a NOT_FOUND
 * row naming the entity and id, and with {@link AccessDeniedException} (a role without the right, or no
 * signed-in user) a DENIED row naming the service call and its first argument. Wrapped around every
 * {@code @Service} of the app, outside its transaction: the refused call's transaction rolls back, the
 * audit row is written after it on its own, once per exception even when services call each other.
 */
@Configuration(proxyBeanMethods = false)
class RefusalAudit {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor refusalAuditAdvisor(ObjectProvider<AuditLog> auditLog) {
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(new StaticMethodMatcherPointcut() {
            @Override
            public boolean matches(Method method, Class<?> targetClass) {
                return targetClass.getName().startsWith("io.backstory.") && AnnotatedElementUtils.hasAnnotation(targetClass, Service.class)
                        && !AuditLog.class.isAssignableFrom(targetClass) && java.lang.reflect.Modifier.isPublic(method.getModifiers());
            }
        }, new Interceptor(auditLog));
        // outermost, so the service's own transaction has ended when the row is written
        advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return advisor;
    }

    private static final class Interceptor implements MethodInterceptor {
        private final ObjectProvider<AuditLog> auditLog;
        private final Set<Throwable> audited = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

        Interceptor(ObjectProvider<AuditLog> auditLog) {
            this.auditLog = auditLog;
        }

        @Override
        public Object invoke(MethodInvocation invocation) throws Throwable {
            try {
                return invocation.proceed();
            } catch (RecordNotFoundException e) {
                if (audited.add(e)) {
                    auditLog.getObject().recordRefusal(AuditLog.Action.NOT_FOUND, e.entity().toLowerCase(Locale.ROOT).replace(' ', '_'),
                            e.id(), call(invocation));
                }
                throw e;
            } catch (AccessDeniedException e) {
                if (audited.add(e)) {
                    Object[] args = invocation.getArguments();
                    auditLog.getObject().recordRefusal(AuditLog.Action.DENIED, entityOf(invocation),
                            args.length > 0 && args[0] instanceof Number n ? String.valueOf(n) : null, call(invocation));
                }
                throw e;
            }
        }

        private static String call(MethodInvocation invocation) {
            return invocation.getMethod().getDeclaringClass().getSimpleName() + "." + invocation.getMethod().getName();
        }

        /** PatientService → patient, EpisodeCareService → episode_care. */
        private static String entityOf(MethodInvocation invocation) {
            String name = invocation.getMethod().getDeclaringClass().getSimpleName().replaceAll("Service$", "");
            return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        }
    }
}
