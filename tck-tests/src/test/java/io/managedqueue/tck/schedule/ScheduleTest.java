package io.managedqueue.tck.schedule;

import static io.managedqueue.tck.support.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobScope;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.ScheduleInfo;
import io.managedqueue.api.ScheduleSpec;
import io.managedqueue.api.TenantContext;
import io.managedqueue.tck.support.JobLog;
import io.managedqueue.tck.support.TckDeployment;

/**
 * A declared schedule fires one system-wide job per tick; schedules created at run time belong to
 * the caller's tenant, run their jobs in its scope, and are listed and removed only by it.
 */
@ExtendWith(ArquillianExtension.class)
class ScheduleTest {

    static final String PLUGIN = "@tck/schedule";
    static final String TICK_PREFIX = PLUGIN + "|schedule.jobs||schedule:tck-tick:";

    @Deployment
    static Archive<?> deployment() {
        return TckDeployment.forTest(ScheduleTest.class).classes(TickHandler.class, ReportHandler.class).build();
    }

    @Inject
    ManagedQueueService queue;

    @Inject
    TenantContext tenantContext;

    @Inject
    JobLog log;

    @Test
    void aDeclaredScheduleFiresOneSystemWideJobPerTick() {
        eventually().until(() -> ticks().size() >= 3);

        List<JobLog.Call> ticks = ticks();
        assertThat(ticks).extracting(JobLog.Call::jobId).doesNotHaveDuplicates();
        assertThat(ticks).allSatisfy(call -> {
            assertThat(call.jobTenant()).isNull();
            assertThat(call.contextTenant()).isEmpty();
            assertThat(call.data()).isNull();
            long tick = Long.parseLong(call.jobId().substring(TICK_PREFIX.length()));
            assertThat(tick % 1000).as("a whole second").isZero();
            assertThat(call.startedAt()).isAfterOrEqualTo(Instant.ofEpochMilli(tick));
        });
        ScheduleInfo info = queue.listSchedules().stream().filter(s -> s.id().equals("tck-tick")).findFirst().orElseThrow();
        assertThat(info.spec()).isEqualTo(ScheduleSpec.every(Duration.ofSeconds(1)));
        assertThat(info.address()).isEqualTo(JobAddress.of(PLUGIN, "schedule.jobs", "tick"));
        assertThat(info.tenantId()).isNull();
    }

    @Test
    void aScheduleCreatedInATenantScopeBelongsToThatTenant() {
        tenantContext.set(JobScope.of("acme", "acme-eu"));
        ScheduleInfo created = queue.upsertSchedule("nightly-report", ScheduleSpec.every(Duration.ofSeconds(1)),
                EnqueueRequest.<String>builder(PLUGIN, "schedule.jobs", "report").payload("acme report").build());
        assertThat(created.tenantId()).isEqualTo("acme");
        assertThat(created.id()).isEqualTo("nightly-report");
        assertThat(queue.listSchedules()).containsExactly(created);

        JobLog.Call call = eventually().until(() -> reports().stream().findFirst(), Optional::isPresent).orElseThrow();
        assertThat(call.jobId()).startsWith(PLUGIN + "|schedule.jobs|acme|schedule:nightly-report:");
        assertThat(call.jobTenant()).isEqualTo("acme");
        assertThat(call.contextTenant()).contains("acme");
        assertThat(call.contextOrganization()).contains("acme-eu");
        assertThat(call.data()).isEqualTo("acme report");

        tenantContext.set(JobScope.of("globex", null));
        assertThat(queue.listSchedules()).isEmpty();
        assertThat(queue.removeSchedule("nightly-report")).isFalse();

        tenantContext.set(JobScope.of("acme", "acme-eu"));
        assertThat(queue.removeSchedule("nightly-report")).isTrue();
        assertThat(queue.listSchedules()).isEmpty();
    }

    @Test
    void aTemplateWithAJobIdIsRefused() {
        tenantContext.set(JobScope.of("acme", null));
        assertThatThrownBy(() -> queue.upsertSchedule("with-id", ScheduleSpec.cron("0 2 * * *", "Europe/Berlin"),
                EnqueueRequest.builder(PLUGIN, "schedule.jobs", "report").jobId("fixed").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("template.jobId");
        assertThat(queue.listSchedules()).isEmpty();
    }

    private List<JobLog.Call> ticks() {
        return log.calls().stream().filter(c -> c.jobId().startsWith(TICK_PREFIX)).toList();
    }

    private List<JobLog.Call> reports() {
        return log.calls().stream().filter(c -> c.jobName().equals("report")).toList();
    }
}
