package io.managedqueue.extension.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

import io.managedqueue.api.JobState;


/**
 * The store-level contract (JobRunr's {@code StorageProviderTest}): every Lua script driven through
 * a bare {@link JobStore} on a real Redis. Each observed state change must be allowed by {@link
 * JobState}'s table (checked where it is observed), and once every family has run, each pair the
 * table allows must have been observed: a pair no script makes is a table out of step with the scripts.
 */
class JobStoreContractTest {

    @Nested
    class Enqueue extends EnqueueContract {
    }

    @Nested
    class Flows extends FlowContract {
    }

    @Nested
    class Claim extends ClaimContract {
    }

    @Nested
    class Attempts extends AttemptContract {
    }

    @Nested
    class Cancel extends CancelContract {
    }

    @Nested
    class RetentionOnFinish extends RetentionContract {
    }

    @Nested
    class Schedules extends ScheduleContract {
    }

    @Nested
    class Operators extends AdminContract {
    }

    @Nested
    class FieldsAtTheirDefaults extends DefaultFieldsContract {
    }

    @AfterAll
    static void everyPairOfTheTableIsMadeBySomeScript() {
        try {
            TransitionRecorder recorder = TransitionRecorder.suite();
            System.out.println("Job state changes observed by the store contract:\n" + recorder.summary());
            Set<Class<?>> families = Set.copyOf(Arrays.asList(JobStoreContractTest.class.getDeclaredClasses()));
            if (!recorder.familiesRun().containsAll(families)) {
                System.out.println("Only some contract families ran: the table's coverage is checked when all do.");
                return;
            }
            assertThat(recorder.allowedPairsNeverObserved())
                    .as("pairs JobState allows that no script made (remove them from the table, or cover their script)")
                    .isEmpty();
        } finally {
            StoreFixture.shutdownClient();
        }
    }
}
