package io.managedqueue.tck.schedule;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/** The target of schedules created at run time. */
@ApplicationScoped
@PluginJobProcessor(pluginName = ScheduleTest.PLUGIN, queueName = "schedule.jobs", jobName = "report")
public class ReportHandler extends RecordingHandler<String> {
}
