package io.managedqueue.extension.redis;

import static io.managedqueue.extension.redis.PreparedJobBuilder.aJob;
import static io.managedqueue.extension.redis.StoreFixture.ANY_TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.FlowResult;
import io.managedqueue.api.JobState;

/** enqueue-flow.lua, and how the end of a child moves its parent (lib-finish.lua's notifyParent). */
abstract class FlowContract extends StoreContract {

    private static final boolean FAILS_PARENT = false;
    private static final boolean IGNORED = true;

    private final PreparedJob parent = aJob().named("parent").build();

    @Test
    void aFlowCreatesItsParentWaitingForChildrenAndItsChildrenWaitingOrDelayed() {
        PreparedJob now = aJob().named("child").build();
        PreparedJob later = aJob().named("child").delayed(Duration.ofMinutes(1)).build();

        FlowResult flow = enqueueFlow(List.of(now, later), List.of(FAILS_PARENT, FAILS_PARENT));

        assertThat(flow.created()).isTrue();
        assertThat(store.state(parent.ref())).contains(JobState.WAITING_CHILDREN);
        assertThat(store.state(now.ref())).contains(JobState.WAITING);
        assertThat(store.state(later.ref())).contains(JobState.DELAYED);
    }

    @Test
    void theParentWaitsOnceItsLastChildCompleted() {
        PreparedJob first = aJob().named("child").build();
        PreparedJob second = aJob().named("child").build();
        enqueueFlow(List.of(first, second), List.of(FAILS_PARENT, FAILS_PARENT));

        store.complete(store.claimOne(first.address()));
        assertThat(store.state(parent.ref())).contains(JobState.WAITING_CHILDREN);
        store.complete(store.claimOne(second.address()));

        assertThat(store.state(parent.ref())).contains(JobState.WAITING);
        assertThat(store.claimOne(parent.address()).ref()).isEqualTo(parent.ref());
    }

    @Test
    void aChildWhoseFailureCountsFailsTheParent() {
        PreparedJob child = aJob().named("child").attempts(1, Backoff.none()).build();
        enqueueFlow(List.of(child), List.of(FAILS_PARENT));

        ClaimedJob running = store.claimOne(child.address());
        store.fail(running, 0, false);

        assertThat(store.state(parent.ref())).contains(JobState.FAILED);
        assertThat(store.read(parent.ref()).lastError()).contains("boom");
    }

    @Test
    void aChildWhoseFailureIsIgnoredLetsTheParentRun() {
        PreparedJob child = aJob().named("child").build();
        enqueueFlow(List.of(child), List.of(IGNORED));

        store.observe("cancel", () -> store.store().cancel(child.ref(), ANY_TENANT));

        assertThat(store.state(parent.ref())).contains(JobState.WAITING);
    }

    @Test
    void aCancelledParentStaysCancelledWhileItsChildrenGoOn() {
        PreparedJob child = aJob().named("child").build();
        enqueueFlow(List.of(child), List.of(FAILS_PARENT));

        assertThat(store.observe("cancel", () -> store.store().cancel(parent.ref(), ANY_TENANT))).isEqualTo("CANCELLED");
        store.complete(store.claimOne(child.address()));

        assertThat(store.state(parent.ref())).contains(JobState.CANCELLED);
        assertThat(store.store().readChildren(parent.ref())).containsKey(child.ref().publicId());
    }

    @Test
    void aFlowWithAChildIdInUseWritesNothing() {
        PreparedJob existing = aJob().named("child").withId("taken").build();
        store.enqueue(existing);
        PreparedJob clash = aJob().named("child").withId("taken").build();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> enqueueFlow(List.of(aJob().named("child").build(), clash), List.of(IGNORED, IGNORED)))
                .withMessageContaining("children[1].jobId");

        assertThat(store.state(parent.ref())).isEmpty();
    }

    @Test
    void aSecondFlowWithTheParentsIdCreatesNothing() {
        enqueueFlow(List.of(aJob().named("child").build()), List.of(IGNORED));
        PreparedJob otherChild = aJob().named("child").build();

        assertThat(enqueueFlow(List.of(otherChild), List.of(IGNORED)).created()).isFalse();

        assertThat(store.state(otherChild.ref())).isEmpty();
    }

    private FlowResult enqueueFlow(List<PreparedJob> children, List<Boolean> ignoreFails) {
        return store.observe("enqueue-flow", () -> store.store().enqueueFlow(parent, children, ignoreFails));
    }
}
