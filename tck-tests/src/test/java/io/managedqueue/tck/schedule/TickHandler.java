package io.managedqueue.tck.schedule;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.Scheduled;
import io.managedqueue.tck.support.RecordingHandler;

/** Declares a schedule firing every second, system-wide. */
@ApplicationScoped
@Scheduled(id = "tck-tick", every = "PT1S")
@PluginJobProcessor(pluginName = ScheduleTest.PLUGIN, queueName = "schedule.jobs", jobName = "tick")
public class TickHandler extends RecordingHandler<String> {
}
