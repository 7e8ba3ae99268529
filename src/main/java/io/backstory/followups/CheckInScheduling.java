package io.backstory.followups;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The check-in email job on db-scheduler (DESIGN §7): the schedule lives in the {@code scheduled_tasks} table and a
 * run is claimed there, so with several app nodes the job runs on one node at a time, never on every node as an
 * in-memory timer would. Off with {@code backstory.check-ins.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CheckInMailSettings.class)
class CheckInScheduling {

    static final String TASK = "check-in-mail";

    @Bean(destroyMethod = "stop")
    @ConditionalOnProperty(name = "backstory.check-ins.enabled", havingValue = "true", matchIfMissing = true)
    Scheduler checkInScheduler(DataSource dataSource, CheckInOutbox outbox, CheckInMailSettings settings) {
        RecurringTask<Void> task = Tasks.recurring(TASK, FixedDelay.of(settings.interval()))
                .execute((instance, context) -> outbox.runOnce());
        return Scheduler.create(dataSource)
                .startTasks(task)
                .pollingInterval(settings.interval())
                .threads(1)
                .build();
    }

    /** Started once the app is up (migrations done), so the first run never races Flyway. */
    @EventListener(ApplicationReadyEvent.class)
    void start(ApplicationReadyEvent event) {
        event.getApplicationContext().getBeanProvider(Scheduler.class).ifAvailable(Scheduler::start);
    }
}
